/* kim_status: the status words of a KIM, the only place they are spelled */
#ifndef KIM_STATUS_H
#define KIM_STATUS_H

enum kim_status { KIM_ST_AKTIF, KIM_ST_NONAKTIF, KIM_ST_BUBAR, KIM_NSTATUS };
extern const char *const kim_status_names[KIM_NSTATUS];
/* The enum kim_status of a status word, or -1. */
int kim_status_index(const char *);

/*
 * The status a spreadsheet means: a status word in any case, or one of the
 * usual synonyms (Tidak Aktif, Non Aktif, Pasif; Dibubarkan); -1 if none.
 */
int kim_status_synonym(const char *);
#endif
