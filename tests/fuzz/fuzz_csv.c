/*
 * Harness: the record reader on CSV (a BOM, CRLF, ';' and TAB delimiters,
 * quoting, any subset of the columns).  See records.h.
 */
#include "records.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!is_json(data, size))
		read_all(data, size, "fuzz.csv");
	return 0;
}
