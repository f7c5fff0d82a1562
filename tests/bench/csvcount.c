/*
 * csvcount: the floor of the benchmark -- libcsv reading files whose
 * callbacks only count fields and rows.
 *
 *   csvcount FILE...
 *
 * Each file is read in 1 MiB blocks with the options kim-tools uses
 * (CSV_STRICT, CSV_STRICT_FINI, CSV_REPALL_NL) and the counts are printed
 * as "ROWS FIELDS BYTES".  One core, no other work: what libcsv alone
 * costs to read the same bytes.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <csv.h>

struct counts {
	unsigned long rows, fields, bytes;
};

static void
on_field(void *s, size_t len, void *data)
{
	struct counts *c = data;

	(void)s;
	c->fields++;
	c->bytes += len;
}

static void
on_row(int ch, void *data)
{
	struct counts *c = data;

	(void)ch;
	c->rows++;
}

int
main(int argc, char **argv)
{
	enum { BLOCK = 1 << 20 };
	static char buf[BLOCK];
	struct csv_parser p;
	struct counts c = { 0, 0, 0 };

	if (argc < 2) {
		fprintf(stderr, "usage: csvcount FILE...\n");
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		int fd = open(argv[i], O_RDONLY);
		ssize_t n;

		if (fd < 0) {
			fprintf(stderr, "csvcount: %s: %s\n", argv[i],
			    strerror(errno));
			return 4;
		}
		if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL))
			return 4;
		while ((n = read(fd, buf, sizeof buf)) > 0)
			if (csv_parse(&p, buf, (size_t)n, on_field, on_row, &c) !=
			    (size_t)n) {
				fprintf(stderr, "csvcount: %s: %s\n", argv[i],
				    csv_strerror(csv_error(&p)));
				return 3;
			}
		if (n < 0 || csv_fini(&p, on_field, on_row, &c) != 0) {
			fprintf(stderr, "csvcount: %s: cannot read\n", argv[i]);
			return 4;
		}
		csv_free(&p);
		close(fd);
	}
	printf("%lu %lu %lu\n", c.rows, c.fields, c.bytes);
	return 0;
}
