/*
 * decode_x86_64.c - the four-stream multi-symbol fast loop, x86-64
 *
 * decode_x86_64.h says why this is assembly and what it must do; this is
 * block_decode.c's FAST_REFILL and MULTI_DECODE, instruction for
 * instruction, with every value the lookups use in a register:
 *
 *   stream         0      1      2      3
 *   bits           r8     r9     r10    r11
 *   avail          ebx    ebp    r12d   r13d
 *   output         r14    r15    rsi    rdi
 *   table rdx; temporaries rax, rcx (cl: shift counts)
 *   stack: read positions 0..24(%rsp), the state 32(%rsp), rounds 40(%rsp)
 *
 * System V ABI: the state pointer comes in rdi; rbx, rbp and r12-r15 are
 * saved and restored.  No calls, no red zone, no SIMD.
 */
#include "decode_x86_64.h"

#if HUFF_DECODE_X86_64
__asm__(
        /* Refill: bits |= load64(next) << avail; next advances by the whole
         * bytes that fitted, 7 - (avail >> 3 & 7); avail gets 56 | its low
         * 3 bits.  avail's bits above the low 6 are multiples of 64 left by
         * the lookups: shl masks its count to 6 bits, and they are kept. */
        ".macro HUFF_REFILL bits, avail, slot\n"
        "        movq    \\slot, %rax\n"
        "        movq    (%rax), %rax\n"
        "        movl    \\avail, %ecx\n"
        "        shlq    %cl, %rax\n"
        "        orq     %rax, \\bits\n"
        "        movl    \\avail, %eax\n"
        "        notl    %eax\n"
        "        shrl    $3, %eax\n"
        "        andl    $7, %eax\n"
        "        addq    %rax, \\slot\n"
        "        orl     $56, \\avail\n"
        ".endm\n"
        /* Lookup: entry = table[bits & mask]; store its 4 bytes; shift out
         * its length (the top byte, whose count bits shr ignores); avail
         * loses the top byte (length + a multiple of 64); the output
         * advances by the count (the top 2 bits).  The length is loaded as
         * a byte beside the entry, so that the shift does not wait for an
         * extra shift of the entry. */
        ".macro HUFF_LOOKUP bits, avail, op, mask\n"
        "        movq    \\bits, %rax\n"
        "        andl    $\\mask, %eax\n"
        "        movzbl  3(%rdx,%rax,4), %ecx\n"
        "        movl    (%rdx,%rax,4), %eax\n"
        "        movl    %eax, (\\op)\n"
        "        shrq    %cl, \\bits\n"
        "        subl    %ecx, \\avail\n"
        "        shrl    $30, %eax\n"
        "        addq    %rax, \\op\n"
        ".endm\n"
        ".macro HUFF_DECODE4_MULTI name, mask\n"
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
        "        subq    $48, %rsp\n"
        "        movq    %rdi, 32(%rsp)\n"
        "        movq    64(%rdi), %rax\n"
        "        movq    %rax, 0(%rsp)\n"
        "        movq    72(%rdi), %rax\n"
        "        movq    %rax, 8(%rsp)\n"
        "        movq    80(%rdi), %rax\n"
        "        movq    %rax, 16(%rsp)\n"
        "        movq    88(%rdi), %rax\n"
        "        movq    %rax, 24(%rsp)\n"
        "        movq    104(%rdi), %rax\n"
        "        movq    %rax, 40(%rsp)\n"
        "        movq    0(%rdi), %r8\n"
        "        movq    8(%rdi), %r9\n"
        "        movq    16(%rdi), %r10\n"
        "        movq    24(%rdi), %r11\n"
        "        movl    112(%rdi), %ebx\n"
        "        movl    116(%rdi), %ebp\n"
        "        movl    120(%rdi), %r12d\n"
        "        movl    124(%rdi), %r13d\n"
        "        movq    32(%rdi), %r14\n"
        "        movq    40(%rdi), %r15\n"
        "        movq    48(%rdi), %rsi\n"
        "        movq    96(%rdi), %rdx\n"
        "        movq    56(%rdi), %rdi\n"
        "        .p2align 4\n"
        "1:\n"
        "        HUFF_REFILL %r8, %ebx, 0(%rsp)\n"
        "        HUFF_REFILL %r9, %ebp, 8(%rsp)\n"
        "        HUFF_REFILL %r10, %r12d, 16(%rsp)\n"
        "        HUFF_REFILL %r11, %r13d, 24(%rsp)\n"
        "        .rept 5\n"
        "        HUFF_LOOKUP %r8, %ebx, %r14, \\mask\n"
        "        HUFF_LOOKUP %r9, %ebp, %r15, \\mask\n"
        "        HUFF_LOOKUP %r10, %r12d, %rsi, \\mask\n"
        "        HUFF_LOOKUP %r11, %r13d, %rdi, \\mask\n"
        "        .endr\n"
        "        decq    40(%rsp)\n"
        "        jnz     1b\n"
        "        movq    32(%rsp), %rax\n"
        "        movq    %r8, 0(%rax)\n"
        "        movq    %r9, 8(%rax)\n"
        "        movq    %r10, 16(%rax)\n"
        "        movq    %r11, 24(%rax)\n"
        "        movq    %r14, 32(%rax)\n"
        "        movq    %r15, 40(%rax)\n"
        "        movq    %rsi, 48(%rax)\n"
        "        movq    %rdi, 56(%rax)\n"
        "        movq    0(%rsp), %rcx\n"
        "        movq    %rcx, 64(%rax)\n"
        "        movq    8(%rsp), %rcx\n"
        "        movq    %rcx, 72(%rax)\n"
        "        movq    16(%rsp), %rcx\n"
        "        movq    %rcx, 80(%rax)\n"
        "        movq    24(%rsp), %rcx\n"
        "        movq    %rcx, 88(%rax)\n"
        "        movq    $0, 104(%rax)\n"
        "        movl    %ebx, 112(%rax)\n"
        "        movl    %ebp, 116(%rax)\n"
        "        movl    %r12d, 120(%rax)\n"
        "        movl    %r13d, 124(%rax)\n"
        "        addq    $48, %rsp\n"
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
        "HUFF_DECODE4_MULTI huff_decode4_multi_x86_64_11, 0x7ff\n"
        "HUFF_DECODE4_MULTI huff_decode4_multi_x86_64_8, 0xff\n"
        ".purgem HUFF_DECODE4_MULTI\n"
        ".purgem HUFF_LOOKUP\n"
        ".purgem HUFF_REFILL\n"
        "        .popsection\n");
#else
/* ISO C wants a translation unit to declare something. */
typedef int huff_decode_x86_64_unused;
#endif
