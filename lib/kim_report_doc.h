/*
 * kim_report_doc: the report's document, for the sections kept in files of
 * their own: headings, paragraphs and tables, written as Markdown, HTML or
 * a workbook's sheets by kim_report_out.c (struct doc is its own)
 */
#ifndef KIM_REPORT_DOC_H
#define KIM_REPORT_DOC_H

#include <stddef.h>

#include "kim_date.h"

struct doc;

/* A heading of level 2 (a section; in a workbook a sheet) or 3 */
void kim_doc_heading(struct doc *, int level, const char *text);
/* A paragraph of fmt, as given (translate it first) */
void kim_doc_paraf(struct doc *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/*
 * A table of n columns, align per column: 'l' text, 'r' a number, 'd' a
 * day; its rows, of n values; its end
 */
void kim_doc_table(struct doc *, const char *const *head, size_t n,
    const char *align);
void kim_doc_row(struct doc *, const char *const *v);
void kim_doc_table_end(struct doc *);
/* Is it a workbook?  (Its numbers are cells, never "85,00".) */
int kim_doc_book(const struct doc *);
/* A day as prose says it, "5 Desember 2026" in Indonesian, into buf (32) */
const char *kim_doc_day(const struct kim_date *, char *buf);

#endif
