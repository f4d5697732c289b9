# huff report on worked examples (test_report.c's), through --p and --q in
# JSON; the expected figures are computed here by awk, not by huff.
. "$T_LIB"
. "$(dirname "$T_LIB")/report_lib.sh"

# Four equally likely balls: 2 bits, and a 2-bit code does it exactly.
report --p 1,1,1,1
assert_near entropy out.json 2
assert_near huffman_avg out.json 2
assert_near redundancy out.json 0
assert_near efficiency out.json 1
assert_near kraft_sum out.json 1
assert_json max_len out.json 2
assert_json symbols out.json 4
assert_json distinct out.json 4
# The same as probabilities: the same weights, up to a power of 10.
report --p 0.25,0.25,0.25,0.25
assert_eq "$(json_list weights out.json)" 25,25,25,25 "weights of 0.25 x4"
assert_near entropy out.json 2

# One white, three blue: 0.811 bits; any prefix code needs 1 bit.
report --p 1,3
assert_near entropy out.json '-(0.25 * l2(0.25) + 0.75 * l2(0.75))'
assert_near entropy out.json 0.811278 5e-7
assert_near huffman_avg out.json 1
assert_near ideal_bytes out.json '4 * -(0.25 * l2(0.25) + 0.75 * l2(0.75)) / 8'
assert_near entropy_total out.json '4 * -(0.25 * l2(0.25) + 0.75 * l2(0.75))'

# 3 red, 3 blue, 2 yellow, 1 white, 1 black: H = 2.171 (the article's 2.187
# is wrong); the optimal code, lengths 2,2,2,3,3, averages 2.2 bits, better
# than the article's 0/10/110/1110/1111 at 2.3.
report --p 3,3,2,1,1
assert_near entropy out.json '-(0.6 * l2(0.3) + 0.2 * l2(0.2) + 0.2 * l2(0.1))'
assert_near entropy out.json 2.170951 5e-7
assert_near huffman_avg out.json 2.2
assert_near limited_avg out.json 2.2
assert_near redundancy out.json '2.2 + (0.6 * l2(0.3) + 0.2 * l2(0.2) + 0.2 * l2(0.1))'
assert_near efficiency out.json '-(0.6 * l2(0.3) + 0.2 * l2(0.2) + 0.2 * l2(0.1)) / 2.2'
awk -v a="$(json_get huffman_avg out.json)" 'BEGIN { exit !(a < 2.3) }' ||
	fail "huffman_avg $(json_get huffman_avg out.json) is not below the article's 2.3"
# Shannon lengths ceil(-log2 p): 2,2,3,4,4.
assert_near shannon_avg out.json 2.6
assert_json max_len out.json 3
assert_json huffman_payload_bits out.json 22
assert_near huffman_payload_bytes out.json 2.75
# A file's figures do not exist for a list.
for k in huf_avg huf_bytes block_entropy_bytes order1_entropy; do
	assert_json $k out.json null
done

# p = [0.5, 0.3, 0.2]: 1.485 bits, 1.030 nats; exact weights 5,3,2.
report --p 0.5,0.3,0.2
assert_eq "$(json_list weights out.json)" 5,3,2 "weights of 0.5,0.3,0.2"
assert_json symbols out.json 10
assert_near entropy out.json '-(0.5 * l2(0.5) + 0.3 * l2(0.3) + 0.2 * l2(0.2))'
assert_near entropy out.json 1.485475 5e-7
assert_near huffman_avg out.json 1.5
assert_json unit out.json '"bits"'
report --p 0.5,0.3,0.2 --unit nats
assert_near entropy out.json '-(0.5 * log(0.5) + 0.3 * log(0.3) + 0.2 * log(0.2))'
assert_near entropy out.json 1.029653 5e-7
assert_near huffman_avg out.json '1.5 * log(2)'
assert_json unit out.json '"nats"'

# A single non-zero symbol: H = 0 but a codeword has at least one bit.
report --p 0,7,0
assert_near entropy out.json 0
assert_near huffman_avg out.json 1
assert_near redundancy out.json 1
assert_json distinct out.json 1
assert_json max_len out.json 1

# Every spelling of a decimal, all made exact integers by one power of 10.
report --p '.5, 2e-3,1.,0,1E+1'
assert_eq "$(json_list weights out.json)" 500,2,1000,0,10000 "weights of mixed forms"
report --p 100,300
assert_eq "$(json_list weights out.json)" 100,300 "counts are never scaled down"
assert_json symbols out.json 400
