/*
 * Harness: the record reader on JSON Lines and JSON arrays of objects
 * (nulls, numbers, sector arrays, a BOM, CRLF).  See records.h.
 */
#include "records.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (is_json(data, size))
		read_all(data, size, "fuzz.jsonl");
	return 0;
}
