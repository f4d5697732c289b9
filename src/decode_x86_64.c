/*
 * decode_x86_64.c - the four-stream multi-symbol fast loop, x86-64
 *
 * decode_x86_64.h says why this is assembly and what it must do; its
 * lookups are huffman_decode.c's MULTI_DECODE, instruction for
 * instruction, less the valid-bit count: each stream is a read position
 * and the word loaded there, shifted by what is used, with a sentinel bit
 * above the unread bits (decode_x86_64.h), so that the count of bits used
 * comes from the word itself once a reload and not from a subtraction
 * per lookup.  That also frees the four registers that held the counts
 * for the read positions, which lived on the stack.  Every value the
 * lookups use is in a register:
 *
 *   stream         0      1      2      3
 *   bits           r8     r9     r10    r11
 *   read position  rbx    rbp    r12    r13
 *   output         r14    r15    rsi    rdi
 *   table rdx; temporaries rax, rcx (cl: shift counts)
 *   stack: the state 0(%rsp), rounds 8(%rsp)
 *
 * System V ABI: the state pointer comes in rdi; rbx, rbp and r12-r15 are
 * saved and restored.  No calls, no red zone, no SIMD.
 */
#include "decode_x86_64.h"

#if HUFF_DECODE_X86_64
__asm__(
        /* Reload: c = the bits consumed since the word at ip was loaded
         * (the sentinel's distance from bit 63); ip advances by c's whole
         * bytes and the word there is loaded again, sentinel set, shifted
         * by c's remaining bits.  clz is lzcnt, or bsr and xor 63 where
         * the CPU has no lzcnt (the same count for a word that is never
         * zero). */
        ".macro HUFF_RELOAD bits, ip, lzcnt\n"
        "        .if \\lzcnt\n"
        "        lzcntq  \\bits, %rcx\n"
        "        .else\n"
        "        bsrq    \\bits, %rcx\n"
        "        xorl    $63, %ecx\n"
        "        .endif\n"
        "        movl    %ecx, %eax\n"
        "        shrl    $3, %eax\n"
        "        addq    %rax, \\ip\n"
        "        andl    $7, %ecx\n"
        "        movq    (\\ip), \\bits\n"
        "        btsq    $63, \\bits\n"
        "        shrq    %cl, \\bits\n"
        ".endm\n"
        /* Lookup: entry = table[bits & mask]; store its 4 bytes; shift out
         * its length (the top byte, whose count bits shr ignores); the
         * output advances by the count (the top 2 bits).  The length is
         * loaded as a byte beside the entry, so that the shift does not
         * wait for an extra shift of the entry. */
        ".macro HUFF_LOOKUP bits, bits32, op, mask\n"
        "        movl    \\bits32, %eax\n"
        "        andl    $\\mask, %eax\n"
        "        movzbl  3(%rdx,%rax,4), %ecx\n"
        "        movl    (%rdx,%rax,4), %eax\n"
        "        movl    %eax, (\\op)\n"
        "        shrq    %cl, \\bits\n"
        "        shrl    $30, %eax\n"
        "        addq    %rax, \\op\n"
        ".endm\n"
        ".macro HUFF_DECODE4_MULTI name, mask, lzcnt\n"
        "        .p2align 4\n"
        "        .globl  \\name\n"
        "        .hidden \\name\n"
        "        .type   \\name, @function\n"
        "\\name:\n"
        "        pushq   %rbx\n"
        "        pushq   %rbp\n"
        "        pushq   %r12\n"
        "        pushq   %r13\n"
        "        pushq   %r14\n"
        "        pushq   %r15\n"
        "        subq    $24, %rsp\n"
        "        movq    %rdi, 0(%rsp)\n"
        "        movq    104(%rdi), %rax\n"
        "        movq    %rax, 8(%rsp)\n"
        "        movq    0(%rdi), %r8\n"
        "        movq    8(%rdi), %r9\n"
        "        movq    16(%rdi), %r10\n"
        "        movq    24(%rdi), %r11\n"
        "        movq    64(%rdi), %rbx\n"
        "        movq    72(%rdi), %rbp\n"
        "        movq    80(%rdi), %r12\n"
        "        movq    88(%rdi), %r13\n"
        "        movq    32(%rdi), %r14\n"
        "        movq    40(%rdi), %r15\n"
        "        movq    48(%rdi), %rsi\n"
        "        movq    96(%rdi), %rdx\n"
        "        movq    56(%rdi), %rdi\n"
        "        .p2align 4\n"
        "1:\n"
        "        HUFF_RELOAD %r8, %rbx, \\lzcnt\n"
        "        HUFF_RELOAD %r9, %rbp, \\lzcnt\n"
        "        HUFF_RELOAD %r10, %r12, \\lzcnt\n"
        "        HUFF_RELOAD %r11, %r13, \\lzcnt\n"
        "        .rept 5\n"
        "        HUFF_LOOKUP %r8, %r8d, %r14, \\mask\n"
        "        HUFF_LOOKUP %r9, %r9d, %r15, \\mask\n"
        "        HUFF_LOOKUP %r10, %r10d, %rsi, \\mask\n"
        "        HUFF_LOOKUP %r11, %r11d, %rdi, \\mask\n"
        "        .endr\n"
        "        decq    8(%rsp)\n"
        "        jnz     1b\n"
        "        movq    0(%rsp), %rax\n"
        "        movq    %r8, 0(%rax)\n"
        "        movq    %r9, 8(%rax)\n"
        "        movq    %r10, 16(%rax)\n"
        "        movq    %r11, 24(%rax)\n"
        "        movq    %r14, 32(%rax)\n"
        "        movq    %r15, 40(%rax)\n"
        "        movq    %rsi, 48(%rax)\n"
        "        movq    %rdi, 56(%rax)\n"
        "        movq    %rbx, 64(%rax)\n"
        "        movq    %rbp, 72(%rax)\n"
        "        movq    %r12, 80(%rax)\n"
        "        movq    %r13, 88(%rax)\n"
        "        movq    $0, 104(%rax)\n"
        "        addq    $24, %rsp\n"
        "        popq    %r15\n"
        "        popq    %r14\n"
        "        popq    %r13\n"
        "        popq    %r12\n"
        "        popq    %rbp\n"
        "        popq    %rbx\n"
        "        ret\n"
        "        .size   \\name, .-\\name\n"
        ".endm\n"
        "        .pushsection .text\n"
        "HUFF_DECODE4_MULTI huff_decode4_multi_x86_64_11, 0x7ff, 1\n"
        "HUFF_DECODE4_MULTI huff_decode4_multi_x86_64_8, 0xff, 1\n"
        "HUFF_DECODE4_MULTI huff_decode4_multi_x86_64_11_bsr, 0x7ff, 0\n"
        "HUFF_DECODE4_MULTI huff_decode4_multi_x86_64_8_bsr, 0xff, 0\n"
        ".purgem HUFF_DECODE4_MULTI\n"
        ".purgem HUFF_LOOKUP\n"
        ".purgem HUFF_RELOAD\n"
        "        .popsection\n");

#include <cpuid.h>

int huff_x86_64_lzcnt = -1;

int huff_x86_64_has_lzcnt(void)
{
        unsigned a, b, c, d;

        /* ABM (lzcnt) is bit 5 of ECX in the extended leaf 0x80000001.  A
         * racing first call computes the same value twice. */
        if (huff_x86_64_lzcnt < 0)
                huff_x86_64_lzcnt = __get_cpuid(0x80000001, &a, &b, &c, &d) &&
                                    (c & (1u << 5));
        return huff_x86_64_lzcnt;
}
#else
/* ISO C wants a translation unit to declare something. */
typedef int huff_decode_x86_64_unused;
#endif
