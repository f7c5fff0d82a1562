/* kim_hold: output held back until the command knows its input was good */
#ifndef KIM_HOLD_H
#define KIM_HOLD_H

#include <stdio.h>

/* The bytes held in memory; the rest waits in a temporary file. */
#define KIM_HOLD_MEM (1024 * 1024)

struct kim_hold;

/*
 * A stream whose bytes reach dest only at kim_hold_release: a command that
 * prints records as it reads them writes them here, so that bad input
 * found after some of them leaves nothing on dest (kim-list > out.csv
 * leaves no half file).  The first KIM_HOLD_MEM bytes are held in memory,
 * the rest in a temporary file in $TMPDIR (else /tmp), unlinked as soon as
 * it is made: memory stays bounded, and nothing is left behind.
 */
struct kim_hold *kim_hold_new(FILE *dest);
/* The stream to write to. */
FILE *kim_hold_fp(struct kim_hold *);
/* Exit 4 with a message if the output could not be held (no room). */
void kim_hold_check(struct kim_hold *);
/*
 * Write everything held to dest and free the hold.  A closed pipe exits
 * 0 quietly, another write error exits 4 (kim_write_check).
 */
void kim_hold_release(struct kim_hold *);
/* Free the hold: nothing of it reaches dest. */
void kim_hold_drop(struct kim_hold *);

#endif
