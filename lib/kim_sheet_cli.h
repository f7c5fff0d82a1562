/* kim_sheet_cli: kim-register's options of an import, into kim_sheet */
#ifndef KIM_SHEET_CLI_H
#define KIM_SHEET_CLI_H

#include <getopt.h>

#include "kim_cli.h"
#include "kim_sheet.h"

/*
 * The options of kim_sheet: the short ones (-r REGION), the long ones
 * (from base) and their number
 */
#define KIM_SHEET_SHORT "r:"
#define KIM_SHEET_NOPTIONS 5
void kim_sheet_options(struct option *o, int base);
/*
 * With --import among the arguments (before any "--"), --update of the
 * command's longopts takes no argument: it makes the import update KIM.
 */
void kim_sheet_prescan(struct kim_sheet *, int argc, char **argv,
    struct option *longopts);
/* Their lines of --help */
extern const char kim_sheet_help[];
/* Handle option c (base + k), 0 when it is not one of them */
int kim_sheet_option(struct kim_sheet *, struct kim_cli *, int base, int c,
    const char *arg);

/* Options of an import given without --import: a usage error */
void kim_sheet_check(const struct kim_sheet *, struct kim_cli *,
    int importing);
/*
 * Once the region list is loaded: the sheet, its -r region found in the
 * list (else a usage error).
 */
struct kim_sheet *kim_sheet_context(struct kim_sheet *, struct kim_cli *,
    const struct kim_ctx *);

#endif
