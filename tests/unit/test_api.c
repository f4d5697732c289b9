/*
 * test_api.c - the public API's promises about growing (huff.h)
 *
 * A program built against this header must keep working with later
 * libraries of the same soname: the public structs keep their sizes, new
 * fields come out of reserved words, and a reserved word set by a newer
 * program is refused by a library that does not know it.
 */
#include <check.h>
#include <string.h>

#include "huff.h"
#include "testutil.h"

/* The sizes of soname libhuff.so.1 on LP64: a change here is an ABI break
 * (bump the soname in the Makefile and say so in the README). */
START_TEST(struct_sizes_are_pinned)
{
        if (sizeof(void *) != 8 || sizeof(long) != 8)
                return;
        ck_assert_uint_eq(sizeof(struct huff_params), 112);
        ck_assert_uint_eq(sizeof(struct huff_stats), 160);
        ck_assert_uint_eq(sizeof(struct huff_encoding_report), 152);
        ck_assert_uint_eq(sizeof(struct huff_context_report), 168);
        ck_assert_uint_eq(HUFF_BLOCK_TYPES_MAX, 8);
}
END_TEST

START_TEST(reserved_words_are_zeroed_and_checked)
{
        struct huff_params p;

        memset(&p, 0xa5, sizeof(p));
        huff_params_init(&p);
        for (size_t i = 0; i < sizeof(p.reserved) / sizeof(p.reserved[0]); i++)
                ck_assert_uint_eq(p.reserved[i], 0);
        ck_assert_int_eq(huff_params_check(&p), HUFF_OK);
        for (size_t i = 0; i < sizeof(p.reserved) / sizeof(p.reserved[0]); i++) {
                p.reserved[i] = 1;
                ck_assert_int_eq(huff_params_check(&p), HUFF_ERR_PARAM);
                p.reserved[i] = 0;
        }
}
END_TEST

/* The default block size is the level's: 128 KiB up to level 6, 1 MiB
 * from 7 (where context blocks are coded); a size set stays. */
START_TEST(block_size_by_level)
{
        struct huff_params p;

        huff_params_init(&p);
        ck_assert_uint_eq(p.block_size, HUFF_BLOCK_SIZE_AUTO);
        ck_assert_int_eq(huff_params_check(&p), HUFF_OK);
        for (int level = HUFF_LEVEL_MIN; level <= HUFF_LEVEL_MAX; level++) {
                p.level = level;
                ck_assert_uint_eq(huff_params_block_size(&p),
                                  level >= 7 ? HUFF_BLOCK_SIZE_CONTEXT : HUFF_BLOCK_SIZE_DEFAULT);
        }
        p.block_size = 4096;
        ck_assert_uint_eq(huff_params_block_size(&p), 4096);
        p.block_size = HUFF_BLOCK_SIZE_MIN - 1;
        ck_assert_int_eq(huff_params_check(&p), HUFF_ERR_PARAM);
}
END_TEST

/* Types have names exactly where the format defines them; the end tag (7)
 * and the rest of the tag's range have none. */
START_TEST(block_type_names)
{
        static const char *const want[] = { "raw", "rle", "huffman", "repeat", "model",
                                            "context" };

        for (unsigned t = 0; t < 6; t++)
                ck_assert_str_eq(huff_block_type_name(t), want[t]);
        for (unsigned t = 6; t < 1000; t++)
                ck_assert_ptr_null(huff_block_type_name(t));
}
END_TEST

int main(void)
{
        Suite *s = suite_create("api");
        TCase *tc = tcase_create("api");

        tcase_add_test(tc, struct_sizes_are_pinned);
        tcase_add_test(tc, reserved_words_are_zeroed_and_checked);
        tcase_add_test(tc, block_type_names);
        tcase_add_test(tc, block_size_by_level);
        suite_add_tcase(s, tc);
        return test_run_suite(s);
}
