/*
 * train_cmd.h - "huff train": a model (a shared code) from sample files
 */
#ifndef HUFF_CLI_TRAIN_CMD_H
#define HUFF_CLI_TRAIN_CMD_H

/*
 * train_main - run "huff train"; argv[0] is "train", argv[1..argc) its
 * options and sample files.  Returns the exit status (0, or 1 after an
 * error, when no model file has been written).
 */
int train_main(int argc, char **argv);

#endif /* HUFF_CLI_TRAIN_CMD_H */
