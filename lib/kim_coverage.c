/* kim_coverage: villages with a KIM, by region, against the targets */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kim_coverage.h"
#include "kim_err.h"
#include "kim_util.h"

/* svg and opendata are not named in the message: a map, and the table of
   the open-data portals */
const struct kim_formats kim_cov_formats = { { KIM_FMTS_SHEETS, KIM_FMT_SVG,
    KIM_FMT_OPENDATA }, KIM_NFMTS_SHEETS + 2, KIM_NFMTS_SHEETS,
    KIM_FMT_UNKNOWN };

void
kim_coverage_init(struct kim_coverage *c, const struct kim_wilayah *w)
{
	size_t n = w->n ? w->n : 1;

	memset(c, 0, sizeof *c);
	c->w = w;
	c->villages = kim_table(n, sizeof *c->villages);
	c->covered = kim_table(n, sizeof *c->covered);
	c->kim = kim_table(n, sizeof *c->kim);
	for (size_t i = 0; i < w->n; i++)
		c->villages[i] = kim_level_is_village(w->r[i].level);
}

int
kim_cov_unit_lookup(const char *s)
{
	return strcmp(s, "village") == 0 ? KIM_UNIT_VILLAGE :
	    strcmp(s, KIM_LVS_KECAMATAN) == 0 ? KIM_UNIT_KECAMATAN : -1;
}

/* Is region i a unit that can be covered? */
static int
is_unit(const struct kim_coverage *c, size_t i)
{
	enum kim_level l = c->w->r[i].level;

	return c->unit == KIM_UNIT_KECAMATAN ? kim_level_depth(l) == 3 :
	    kim_level_is_village(l);
}

void
kim_coverage_unit(struct kim_coverage *c, int unit)
{
	c->unit = unit;
	for (size_t i = 0; i < c->w->n; i++)
		c->villages[i] = (uint32_t)is_unit(c, i);
}

int
kim_coverage_add(struct kim_coverage *c, const struct kim_record *r)
{
	const struct kim_region *reg = kim_wilayah_find(c->w,
	    r->f[KIM_F_REGION]);
	size_t i;

	if (!reg)
		return -1;
	i = (size_t)(reg - c->w->r);
	c->kim[i]++;
	if (c->villages[i])
		c->covered[i] = 1;
	return 0;
}

static void *
part_make(void *arg)
{
	const struct kim_coverage *c = arg;
	struct kim_coverage *p = kim_malloc(sizeof *p);

	/* its counts are made by its first record: most parts of a small
	   register have none */
	*p = *c;
	p->covered = p->kim = NULL;
	return p;
}

static int
part_add(void *arg, struct kim_record *r)
{
	struct kim_coverage *p = arg;

	/* the reader has checked that the region is in wilayah.csv */
	if (!kim_filter_match(p->filter, r, p->ctx))
		return 0;
	if (!p->kim) {
		size_t n = p->w->n ? p->w->n : 1;
		p->covered = kim_table(n, sizeof *p->covered);
		p->kim = kim_table(n, sizeof *p->kim);
	}
	kim_coverage_add(p, r);
	return 0;
}

static void
part_merge(void *arg, void *part)
{
	struct kim_coverage *c = arg, *p = part;

	for (size_t i = 0; p->kim && i < c->w->n; i++) {
		c->covered[i] |= p->covered[i];
		c->kim[i] += p->kim[i];
	}
	kim_table_free(p->covered);
	kim_table_free(p->kim);
	free(p);
}

const struct kim_parts kim_coverage_parts = { part_make, part_add, part_merge };

void
kim_coverage_sum(struct kim_coverage *c)
{
	if (c->summed)
		return;
	/* children come after their parent: one pass from the end */
	for (size_t i = c->w->n; i-- > 0;) {
		long p = c->w->r[i].parent;
		if (p < 0)
			continue;
		c->villages[p] += c->villages[i];
		c->covered[p] += c->covered[i];
		c->kim[p] += c->kim[i];
	}
	c->summed = 1;
}

void
kim_coverage_free(struct kim_coverage *c)
{
	kim_table_free(c->villages);
	kim_table_free(c->covered);
	kim_table_free(c->kim);
	memset(c, 0, sizeof *c);
}

int
kim_cov_selected(const struct kim_coverage *c, const struct kim_cov_sel *s,
    long i)
{
	if (s->n == 0)
		return 1;
	for (size_t k = 0; k < s->n; k++)
		if (s->r[k] <= i && i < c->w->r[s->r[k]].end)
			return 1;
	return 0;
}

long
kim_cov_next_row(const struct kim_coverage *c, const struct kim_cov_sel *s,
    int depth, long i)
{
	const struct kim_wilayah *w = c->w;

	while (i >= 0 && (size_t)i < w->n) {
		int d = kim_level_depth(w->r[i].level);
		if (d < depth) {
			i++;
			continue;
		}
		if (d == depth && c->villages[i] && kim_cov_selected(c, s, i))
			return i;
		/* nothing below this region is a row */
		i = w->r[i].end;
	}
	return -1;
}

long
kim_cov_next_missing(const struct kim_coverage *c, const struct kim_cov_sel *s,
    long i)
{
	for (; i >= 0 && (size_t)i < c->w->n; i++)
		if (is_unit(c, (size_t)i) && !c->covered[i] &&
		    kim_cov_selected(c, s, i))
			return i;
	return -1;
}

long
kim_cov_percent(long covered, long villages)
{
	/* 1000 * covered / villages, rounded half up, in integers */
	return (long)((2000LL * covered + villages) / (2LL * villages));
}

static void
targets(struct kim_cov_row *row, const struct kim_target *t,
    const struct kim_ctx *ctx)
{
	long long need;
	char asof[16];

	if (!t)
		return;
	row->has_target = row->has_needed = 1;
	row->target = t->tenths;
	row->due = t->due;
	row->gap = t->tenths - row->percent;
	/* the fewest villages whose share is at least the target */
	need = ((long long)t->tenths * row->villages + 999) / 1000;
	row->needed = need > row->covered ? (long)(need - row->covered) : 0;
	/* the due day has passed with villages still to cover */
	row->overdue = ctx && row->needed > 0 &&
	    strcmp(t->due, kim_date_fmt(&ctx->as_of, asof)) < 0;
}

void
kim_cov_row(const struct kim_coverage *c, const struct kim_targets *t, long i,
    struct kim_cov_row *row)
{
	const struct kim_region *reg = &c->w->r[i];

	memset(row, 0, sizeof *row);
	row->region = reg->code;
	row->name = reg->name;
	row->villages = c->villages[i];
	row->covered = c->covered[i];
	row->kim = c->kim[i];
	row->due = "";
	if (row->villages)
		row->percent = kim_cov_percent(row->covered, row->villages);
	if (t)
		targets(row, kim_targets_find(t, c->w, i), c->ctx);
}

void
kim_cov_total_add(struct kim_cov_row *total, const struct kim_cov_row *row)
{
	total->villages += row->villages;
	total->covered += row->covered;
	total->kim += row->kim;
	if (row->has_needed) {
		total->has_needed = 1;
		total->needed += row->needed;
	}
}

void
kim_cov_total_end(struct kim_cov_row *total)
{
	total->region = "total";
	total->name = "";
	total->due = "";
	total->has_target = 0;
	if (total->villages)
		total->percent = kim_cov_percent(total->covered,
		    total->villages);
}

const struct kim_col kim_cov_cols[KIM_COV_NCOLS] = {
	{ "region", KIM_T_TEXT }, { "name", KIM_T_TEXT },
	{ "villages", KIM_T_NUM }, { "covered", KIM_T_NUM },
	{ "percent", KIM_T_NUM }, { "kim", KIM_T_NUM },
	{ "target", KIM_T_NUM }, { "due", KIM_T_DATE },
	{ "gap", KIM_T_NUM }, { "needed", KIM_T_NUM },
	{ "overdue", KIM_T_BOOL }
};

const struct kim_col kim_cov_cols_kec[KIM_COV_NCOLS] = {
	{ "region", KIM_T_TEXT }, { "name", KIM_T_TEXT },
	{ KIM_LVS_KECAMATAN, KIM_T_NUM }, { "covered", KIM_T_NUM },
	{ "percent", KIM_T_NUM }, { "kim", KIM_T_NUM },
	{ "target", KIM_T_NUM }, { "due", KIM_T_TEXT },
	{ "gap", KIM_T_NUM }, { "needed", KIM_T_NUM },
	{ "overdue", KIM_T_BOOL }
};

void
kim_cov_values(const struct kim_cov_row *row, char b[][24],
    const char *v[KIM_COV_NCOLS])
{
	snprintf(b[0], 24, "%ld", row->villages);
	snprintf(b[1], 24, "%ld", row->covered);
	snprintf(b[2], 24, "%ld", row->kim);
	kim_tenths_fmt(row->percent, b[3], 24);
	b[4][0] = b[5][0] = b[6][0] = '\0';
	if (row->has_target) {
		/* a target reads as targets.csv has it: 100, 92.5 */
		if (row->target % 10)
			kim_tenths_fmt(row->target, b[4], 24);
		else
			snprintf(b[4], 24, "%ld", row->target / 10);
		kim_tenths_fmt(row->gap, b[5], 24);
	}
	if (row->has_needed)
		snprintf(b[6], 24, "%ld", row->needed);
	v[0] = row->region;
	v[1] = row->name;
	v[2] = b[0];
	v[3] = b[1];
	v[4] = row->villages ? b[3] : "";
	v[5] = b[2];
	v[6] = b[4];
	v[7] = row->due;
	v[8] = b[5];
	v[9] = b[6];
	v[10] = row->overdue ? "yes" : "";
}

void
kim_cov_out(struct kim_out *o, const struct kim_cov_row *row, int total)
{
	char b[KIM_COV_NBUF][24];
	const char *v[KIM_COV_NCOLS];

	kim_cov_values(row, b, v);
	if (total)
		kim_out_total(o, v);
	else
		kim_out_row(o, v);
}

const struct kim_col kim_missing_cols[KIM_MISSING_NCOLS] = {
	{ "code", KIM_T_TEXT }, { "name", KIM_T_TEXT },
	{ KIM_LVS_KECAMATAN, KIM_T_TEXT }, { KIM_LVS_KABUPATEN, KIM_T_TEXT }
};

void
kim_missing_out(struct kim_out *o, const struct kim_wilayah *w, long i)
{
	const struct kim_region *r = &w->r[i];
	const struct kim_region *kec = kim_wilayah_up(w, r, 3);
	const struct kim_region *kab = kim_wilayah_up(w, r, 2);
	const char *v[KIM_MISSING_NCOLS];

	v[0] = r->code;
	v[1] = r->name;
	v[2] = kec ? kec->name : "";
	v[3] = kab ? kab->name : "";
	kim_out_row(o, v);
}

size_t
kim_cov_rows(const struct kim_coverage *c, const struct kim_cov_sel *sel,
    int by, const struct kim_targets *t, struct kim_cov_at **rows)
{
	size_t n = 0, cap = 0;

	*rows = NULL;
	for (long i = kim_cov_next_row(c, sel, by, 0); i >= 0;
	    i = kim_cov_next_row(c, sel, by, i + 1)) {
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			*rows = kim_reallocarray(*rows, cap, sizeof **rows);
		}
		(*rows)[n].i = i;
		kim_cov_row(c, t, i, &(*rows)[n++].cov);
	}
	return n;
}

/* ---- kim-coverage's answers, after kim_coverage_sum ---- */

char *
kim_cov_evidence_caption(long days)
{
	struct kim_buf b = { 0 };

	kim_buf_addf(&b, _("Only KIM with an activity in the last %ld days are "
	    "counted (--evidence)."), days);
	return b.s;
}

int
kim_cov_print_table(FILE *fp, enum kim_fmt fmt, int excel,
    const struct kim_coverage *c, const struct kim_cov_sel *sel, int by,
    const char *dir, struct kim_diag *d)
{
	struct kim_targets t;
	struct kim_cov_at *rows;
	struct kim_cov_row total;
	struct kim_out *o;
	size_t n;

	if (kim_targets_load(&t, dir, &c->ctx->w, d) != 0) {
		kim_targets_free(&t);
		return KIM_EXIT_DATA;
	}
	memset(&total, 0, sizeof total);
	n = kim_cov_rows(c, sel, by, &t, &rows);
	o = kim_out_new(fp, fmt, excel, c->unit == KIM_UNIT_KECAMATAN ?
	    kim_cov_cols_kec : kim_cov_cols, KIM_COV_NCOLS);
	for (size_t i = 0; i < n; i++) {
		kim_cov_out(o, &rows[i].cov, 0);
		kim_cov_total_add(&total, &rows[i].cov);
	}
	if (c->filter && c->filter->evidence >= 0) {
		char *caption = kim_cov_evidence_caption(c->filter->evidence);
		kim_out_caption(o, caption);
		free(caption);
	}
	if (n > 0) {
		kim_cov_total_end(&total);
		kim_cov_out(o, &total, 1);
	}
	kim_out_end(o);
	free(rows);
	kim_targets_free(&t);
	return n > 0 ? KIM_EXIT_OK : KIM_EXIT_NO;
}

/* A dotted code as open-data portals write it: "51.02" as "5102" */
static const char *
undotted(const char *code, char *buf, size_t size)
{
	size_t n = 0;

	for (; *code && n + 1 < size; code++)
		if (*code != '.')
			buf[n++] = *code;
	buf[n] = '\0';
	return buf;
}

int
kim_cov_print_opendata(FILE *fp, int excel, const struct kim_coverage *c,
    const struct kim_cov_sel *sel, int by, int year)
{
	static const char *const level[3][2] = {
		{ "kode_provinsi", "nama_provinsi" },
		{ "kode_kabupaten_kota", "nama_kabupaten_kota" },
		{ "kode_kecamatan", "nama_kecamatan" } };
	int kec = c->unit == KIM_UNIT_KECAMATAN;
	const char *tail[6] = { "jumlah_kim", kec ? "jumlah_kecamatan" :
	    "jumlah_desa_kelurahan", kec ? "kecamatan_ber_kim" :
	    "desa_kelurahan_ber_kim", "persentase", "satuan", "tahun" };
	struct kim_col cols[12];
	const char *v[12];
	char codes[3][24], b[5][24];
	size_t n = 0, k;
	long i, rows = 0;
	struct kim_out *o;

	for (int d = 0; d < by; d++) {
		cols[n++] = (struct kim_col){ level[d][0], KIM_T_TEXT };
		cols[n++] = (struct kim_col){ level[d][1], KIM_T_TEXT };
	}
	for (k = 0; k < 6; k++)
		cols[n++] = (struct kim_col){ tail[k], k == 4 ? KIM_T_TEXT :
		    KIM_T_NUM };
	o = kim_out_new(fp, KIM_FMT_CSV, excel, cols, n);
	snprintf(b[4], sizeof b[4], "%d", year);
	for (i = kim_cov_next_row(c, sel, by, 0); i >= 0;
	    i = kim_cov_next_row(c, sel, by, i + 1), rows++) {
		struct kim_cov_row row;
		const struct kim_region *reg = &c->w->r[i];

		kim_cov_row(c, NULL, i, &row);
		k = 0;
		for (int d = 1; d <= by; d++) {
			const struct kim_region *up = d == by ? reg :
			    kim_wilayah_up(c->w, reg, d);
			v[k++] = up ? undotted(up->code, codes[d - 1],
			    sizeof codes[d - 1]) : "";
			v[k++] = up ? up->name : "";
		}
		snprintf(b[0], sizeof b[0], "%ld", row.kim);
		snprintf(b[1], sizeof b[1], "%ld", row.villages);
		snprintf(b[2], sizeof b[2], "%ld", row.covered);
		kim_tenths_fmt(row.percent, b[3], sizeof b[3]);
		v[k++] = b[0];
		v[k++] = b[1];
		v[k++] = b[2];
		v[k++] = b[3];
		v[k++] = "KIM";
		v[k++] = b[4];
		kim_out_row(o, v);
	}
	kim_out_end(o);
	return rows > 0 ? KIM_EXIT_OK : KIM_EXIT_NO;
}

int
kim_cov_print_missing(FILE *fp, int fmt, int excel,
    const struct kim_coverage *c, const struct kim_cov_sel *sel)
{
	struct kim_out *o = fmt < 0 ? NULL : kim_out_new(fp, (enum kim_fmt)fmt,
	    excel, kim_missing_cols, KIM_MISSING_NCOLS);
	long i, n = 0;

	for (i = kim_cov_next_missing(c, sel, 0); i >= 0;
	    i = kim_cov_next_missing(c, sel, i + 1), n++)
		if (o)
			kim_missing_out(o, &c->ctx->w, i);
	if (o)
		kim_out_end(o);
	else
		fprintf(fp, "%ld\n", n);
	return n > 0 ? KIM_EXIT_OK : KIM_EXIT_NO;
}

int
kim_cov_print_value(FILE *fp, const struct kim_coverage *c, long i)
{
	struct kim_cov_row row;
	char b[24];

	kim_cov_row(c, NULL, i, &row);
	if (row.villages == 0) {
		if (c->unit == KIM_UNIT_KECAMATAN)
			kim_warn("%s: %s has no kecamatan in wilayah.csv",
			    row.region, row.name);
		else
			kim_warn("%s: %s has no villages in wilayah.csv",
			    row.region, row.name);
		return KIM_EXIT_NO;
	}
	fprintf(fp, "%s\n", kim_tenths_fmt(row.percent, b, sizeof b));
	return KIM_EXIT_OK;
}
