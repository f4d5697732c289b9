/*
 * report_cmd.h - "huff report": entropy, code lengths and a model's cost
 */
#ifndef HUFF_CLI_REPORT_CMD_H
#define HUFF_CLI_REPORT_CMD_H

/*
 * report_main - run "huff report"; argv[0] is "report", argv[1..argc) its
 * options and files.  Returns the exit status (0, or 1 after an error).
 */
int report_main(int argc, char **argv);

#endif /* HUFF_CLI_REPORT_CMD_H */
