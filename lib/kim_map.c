/* kim_map: coverage maps, SVG choropleths drawn from GeoJSON boundaries */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kim_date.h"
#include "kim_file.h"
#include "kim_folder.h"
#include "kim_geom.h"
#include "kim_input.h"
#include "kim_map.h"
#include "kim_targets.h"
#include "kim_util.h"

/* The kinds of features skipped, counted in one warning. */
enum { SK_CODE, SK_LEVEL, SK_EMPTY, SK_TYPE, SK_N };

static const char *const skipped_what[SK_N] = {
	"without a code of",	/* the region list's path follows */
	"of another level",
	"with an empty geometry",
	"whose geometry is not a Polygon or MultiPolygon"
};

/* One feature kept, before the shapes are put in the region list's order. */
struct part {
	long i;			/* region index */
	size_t ord;		/* feature number, to keep the file's order */
	size_t ring, nring;
};

struct loading {
	struct kim_map *m;
	struct kim_diag *d;
	const struct kim_cov_sel *sel;
	struct part *p;
	size_t np, capp;
	size_t capring, cappt;
	long skipped[SK_N];
	char first[SK_N][96];	/* the first feature of each kind skipped */
	long problems;
};

static void
skip(struct loading *ld, int kind, size_t k, const char *code,
    const char *more)
{
	if (ld->skipped[kind]++ == 0)
		snprintf(ld->first[kind], sizeof ld->first[kind],
		    "feature %zu%s%.16s%s%s%.24s", k, code ? " (" : "",
		    code ? code : "", code ? ")" : "", more ? ": " : "",
		    more ? more : "");
}

static void
problem(struct loading *ld, size_t k, const char *code, const char *msg)
{
	kim_diagf(ld->d, ld->m->path, 0, 0, "feature %zu (%s): coordinates: %s",
	    k, code, _(msg));
	ld->problems++;
}

static void
add_point(struct loading *ld, double lon, double lat)
{
	struct kim_map *m = ld->m;

	if (m->npt == ld->cappt) {
		ld->cappt = ld->cappt ? 2 * ld->cappt : 4096;
		m->pt = kim_reallocarray(m->pt, ld->cappt, 2 * sizeof *m->pt);
	}
	m->pt[2 * m->npt] = lon;
	m->pt[2 * m->npt + 1] = lat;
	m->npt++;
}

/* Start ring m->nring at the next point (ring[] has one entry more). */
static void
add_ring(struct loading *ld, int hole)
{
	struct kim_map *m = ld->m;

	if (m->nring + 2 > ld->capring) {
		ld->capring = ld->capring ? 2 * ld->capring : 256;
		m->ring = kim_reallocarray(m->ring, ld->capring,
		    sizeof *m->ring);
		m->hole = kim_reallocarray(m->hole, ld->capring,
		    sizeof *m->hole);
	}
	m->hole[m->nring] = hole != 0;
	m->ring[m->nring++] = m->npt;
	m->ring[m->nring] = m->npt;
}

/* A ring: at least 4 [longitude, latitude] positions; 0 when it is kept. */
static int
load_ring(struct loading *ld, json_t *ring, size_t k, const char *code)
{
	size_t n, j;

	if (!json_is_array(ring) || (n = json_array_size(ring)) < 4) {
		problem(ld, k, code, "a ring is not an array of at least 4 "
		    "positions (RFC 7946)");
		return -1;
	}
	for (j = 0; j < n; j++) {
		json_t *pos = json_array_get(ring, j);
		json_t *x = json_array_get(pos, 0), *y = json_array_get(pos, 1);
		double lon, lat;

		if (!json_is_array(pos) || !json_is_number(x) ||
		    !json_is_number(y)) {
			problem(ld, k, code, "a position is not [longitude, "
			    "latitude]");
			return -1;
		}
		lon = json_number_value(x);
		lat = json_number_value(y);
		if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
			problem(ld, k, code, "a position is outside longitude "
			    "-180..180, latitude -90..90");
			return -1;
		}
		add_point(ld, lon, lat);
	}
	return 0;
}

/* The rings of a Polygon's coordinates; -1 on a problem. */
static long
load_polygon(struct loading *ld, json_t *poly, size_t k, const char *code)
{
	if (!json_is_array(poly)) {
		problem(ld, k, code, "a polygon is not an array of rings");
		return -1;
	}
	for (size_t j = 0; j < json_array_size(poly); j++) {
		add_ring(ld, j > 0);
		if (load_ring(ld, json_array_get(poly, j), k, code) != 0)
			return -1;
	}
	return (long)json_array_size(poly);
}

static void
load_feature(struct loading *ld, json_t *f, size_t k)
{
	struct kim_map *m = ld->m;
	json_t *code_j = json_object_get(json_object_get(f, "properties"),
	    "code");
	json_t *geom = json_object_get(f, "geometry");
	json_t *coords = json_object_get(geom, "coordinates");
	const char *code = json_string_value(code_j), *type;
	const struct kim_region *r = code ? kim_wilayah_find(m->w, code) : NULL;
	size_t ring0 = m->nring, pt0 = m->npt;
	struct kim_coverage sel_of = { .w = m->w };
	long i, nr = 0, n;

	if (!r) {
		skip(ld, SK_CODE, k, code, NULL);
		return;
	}
	i = r - m->w->r;
	if (kim_level_depth(r->level) != m->depth) {
		skip(ld, SK_LEVEL, k, code, NULL);
		return;
	}
	if (ld->sel && !kim_cov_selected(&sel_of, ld->sel, i))
		return;		/* not needed: not read */
	type = json_string_value(json_object_get(geom, "type"));
	if (!geom || json_is_null(geom) || (type && json_is_array(coords) &&
	    json_array_size(coords) == 0 && (!strcmp(type, "Polygon") ||
	    !strcmp(type, "MultiPolygon")))) {
		skip(ld, SK_EMPTY, k, code, NULL);
		return;
	}
	if (type && strcmp(type, "Polygon") == 0)
		nr = load_polygon(ld, coords, k, code);
	else if (type && strcmp(type, "MultiPolygon") == 0) {
		for (size_t j = 0; j < json_array_size(coords); j++) {
			n = load_polygon(ld, json_array_get(coords, j), k, code);
			if (n < 0) {
				nr = -1;
				break;
			}
			nr += n;
		}
	} else {
		skip(ld, SK_TYPE, k, code, type ? type : "(no type)");
		return;
	}
	if (nr <= 0) {
		/* a problem, or only empty polygons: nothing of it is kept */
		m->nring = ring0;
		m->npt = pt0;
		if (m->ring)
			m->ring[ring0] = pt0;
		if (nr == 0)
			skip(ld, SK_EMPTY, k, code, NULL);
		return;
	}
	if (ld->np == ld->capp) {
		ld->capp = ld->capp ? 2 * ld->capp : 64;
		ld->p = kim_reallocarray(ld->p, ld->capp, sizeof *ld->p);
	}
	ld->p[ld->np++] = (struct part){ i, k, ring0, m->nring - ring0 };
}

static int
bypart(const void *a, const void *b)
{
	const struct part *p = a, *q = b;

	if (p->i != q->i)
		return p->i < q->i ? -1 : 1;
	return p->ord < q->ord ? -1 : p->ord > q->ord;
}

/* Put the shapes in the order of the region list, a region's parts as one. */
static void
order_shapes(struct loading *ld)
{
	struct kim_map *m = ld->m;
	size_t *ring = kim_calloc(m->nring + 1, sizeof *ring), nring = 0;
	unsigned char *hole = kim_calloc(m->nring + 1, sizeof *hole);
	double *pt = kim_calloc(m->npt ? m->npt : 1, 2 * sizeof *pt);
	size_t npt = 0;

	if (ld->np > 1)
		qsort(ld->p, ld->np, sizeof *ld->p, bypart);
	m->s = kim_calloc(ld->np ? ld->np : 1, sizeof *m->s);
	for (size_t k = 0; k < ld->np; k++) {
		const struct part *p = &ld->p[k];

		if (m->n == 0 || m->s[m->n - 1].i != p->i)
			m->s[m->n++] = (struct kim_map_shape){ p->i, nring, 0 };
		for (size_t r = p->ring; r < p->ring + p->nring; r++) {
			size_t a = m->ring[r], b = m->ring[r + 1];

			hole[nring] = m->hole[r];
			ring[nring++] = npt;
			memcpy(pt + 2 * npt, m->pt + 2 * a,
			    (b - a) * 2 * sizeof *pt);
			npt += b - a;
		}
		m->s[m->n - 1].nring += p->nring;
	}
	ring[nring] = npt;
	free(m->ring);
	free(m->hole);
	free(m->pt);
	m->hole = hole;
	m->ring = ring;
	m->pt = pt;
	m->nring = nring;
	m->npt = npt;
}

static void
bounds(struct kim_map *m)
{
	m->west = m->south = m->east = m->north = 0;
	for (size_t k = 0; k < m->npt; k++) {
		double lon = m->pt[2 * k], lat = m->pt[2 * k + 1];

		if (k == 0 || lon < m->west)
			m->west = lon;
		if (k == 0 || lon > m->east)
			m->east = lon;
		if (k == 0 || lat < m->south)
			m->south = lat;
		if (k == 0 || lat > m->north)
			m->north = lat;
	}
}

/* One warning for every feature skipped, naming the first of each kind. */
static void
warn_skipped(struct loading *ld, size_t nfeatures)
{
	struct kim_buf b = { 0 };
	long total = 0;

	for (int s = 0; s < SK_N; s++)
		total += ld->skipped[s];
	if (total == 0)
		return;
	kim_buf_addf(&b, "warning: %ld of %zu features skipped:", total,
	    nfeatures);
	for (int s = 0, first = 1; s < SK_N; s++) {
		if (!ld->skipped[s])
			continue;
		kim_buf_addf(&b, "%s %ld %s%s%s (first: %s)", first ? "" : ";",
		    ld->skipped[s], skipped_what[s], s == SK_CODE ? " " : "",
		    s == SK_CODE ? ld->m->w->path : "", ld->first[s]);
		first = 0;
	}
	/* straight to the sink: a warning is not counted as a problem */
	ld->d->report(ld->d, ld->m->path, 0, 0, b.s);
	kim_buf_free(&b);
}

/* The file's "source" member, for the caption: short, and safe to show. */
static void
source(struct kim_map *m, json_t *j)
{
	struct kim_buf b = { 0 };
	const char *s = json_string_value(j);
	size_t n;

	if (!s || !*s)
		return;
	n = strlen(s);
	if (n > 160) {
		n = 160;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	kim_buf_add_shown(&b, s, n);
	m->source = b.s;
}

long
kim_map_load(struct kim_map *m, const char *path, int how,
    const struct kim_wilayah *w, int depth, const struct kim_cov_sel *sel,
    struct kim_diag *d)
{
	struct loading ld;
	int fd;
	json_error_t e;
	json_t *root, *features;
	const char *type;
	FILE *fp;
	size_t k;

	memset(m, 0, sizeof *m);
	m->w = w;
	m->path = kim_strdup(path);
	m->depth = depth;
	if ((fd = kim_open_read(path, how, d)) < 0)
		return fd == -2 ? 1 : -1;
	if (!(fp = fdopen(fd, "r"))) {
		kim_diagf(d, path, 0, 0, "cannot open: %s", strerror(errno));
		close(fd);
		return -1;
	}
	/* a UTF-8 BOM, as some programs write, is no part of the JSON */
	if (getc(fp) != 0xef || getc(fp) != 0xbb || getc(fp) != 0xbf)
		rewind(fp);
	root = json_loadf(fp, JSON_REJECT_DUPLICATES, &e);
	if (ferror(fp)) {
		kim_diagf(d, path, 0, 0, "cannot read: %s", strerror(errno));
		fclose(fp);
		json_decref(root);
		return -1;
	}
	fclose(fp);
	if (!root && json_error_code(&e) == json_error_out_of_memory)
		kim_diefile(KIM_EXIT_IO, path, 0, 0, "out of memory");
	if (!root) {
		kim_diagf(d, path, e.line > 0 ? e.line : 0,
		    e.column > 0 ? e.column : 0, "not JSON: %s", e.text);
		return 1;
	}
	type = json_string_value(json_object_get(root, "type"));
	features = json_object_get(root, "features");
	if (!type || strcmp(type, "FeatureCollection") != 0 ||
	    !json_is_array(features)) {
		kim_diagf(d, path, 0, 0, "not a GeoJSON FeatureCollection "
		    "(expected {\"type\": \"FeatureCollection\", "
		    "\"features\": [...]})");
		json_decref(root);
		return 1;
	}
	source(m, json_object_get(root, "source"));
	memset(&ld, 0, sizeof ld);
	ld.m = m;
	ld.d = d;
	ld.sel = sel && sel->n ? sel : NULL;
	for (k = 0; k < json_array_size(features); k++)
		load_feature(&ld, json_array_get(features, k), k + 1);
	warn_skipped(&ld, json_array_size(features));
	json_decref(root);
	if (m->ring)
		m->ring[m->nring] = m->npt;	/* the end of the last ring */
	order_shapes(&ld);
	bounds(m);
	free(ld.p);
	return ld.problems;
}

void
kim_map_free(struct kim_map *m)
{
	free(m->path);
	free(m->source);
	free(m->s);
	free(m->hole);
	free(m->ring);
	free(m->pt);
	memset(m, 0, sizeof *m);
}

const struct kim_map_shape *
kim_map_find(const struct kim_map *m, long i)
{
	size_t lo = 0, hi = m->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (m->s[mid].i == i)
			return &m->s[mid];
		if (m->s[mid].i < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

char *
kim_map_boundaries(const char *dir, int depth)
{
	struct stat st;
	char *path;

	if (!kim_boundaries_file(depth))
		return NULL;
	path = kim_path(dir, kim_boundaries_file(depth));
	/* there but not a regular file: kim_map_load refuses it by name */
	if (stat(path, &st) == 0)
		return path;
	free(path);
	return NULL;
}

/* Drawing */

#define SVG_W		800	/* px */
#define MAP_W		780	/* the map area at most */
#define MAP_H		560
#define MARGIN		10
#define MIN_STEP	5	/* tenths of a px: closer vertices are dropped */
#define NCLASS		5

static const char *const class_fill[NCLASS] = {
	"#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"
};
static const char *const class_label[NCLASS] = {
	"0&#8211;19.9%", "20&#8211;39.9%", "40&#8211;59.9%", "60&#8211;79.9%",
	"80&#8211;100%"
};

/* The projection: tenths of a px from longitude and latitude. */
struct proj {
	double west, north, kx, scale;	/* kx: cos of the middle latitude */
	long width, height;		/* of the map area, in tenths */
};

static void
proj_fit(struct proj *p, const struct kim_map *m)
{
	double mid = (m->south + m->north) / 2 * M_PI / 180;
	double dx, dy, sx, sy;

	p->west = m->west;
	p->north = m->north;
	p->kx = cos(mid);
	dx = (m->east - m->west) * p->kx;
	dy = m->north - m->south;
	sx = dx > 0 ? MAP_W / dx : INFINITY;
	sy = dy > 0 ? MAP_H / dy : INFINITY;
	p->scale = sx < sy ? sx : sy;
	if (!isfinite(p->scale))
		p->scale = 1;	/* one point: nothing to fit */
	p->width = lround(dx * p->scale * 10);
	p->height = lround(dy * p->scale * 10);
}

static void
project(const struct proj *p, const double *pt, long *x, long *y)
{
	*x = lround((pt[0] - p->west) * p->kx * p->scale * 10);
	*y = lround((p->north - pt[1]) * p->scale * 10);
}

/* A length in tenths of a px as SVG writes it: "12", "12.5", "-0.5". */
static void
put_tenths(struct kim_buf *b, long t)
{
	unsigned long a = t < 0 ? 0UL - (unsigned long)t : (unsigned long)t;

	if (a % 10)
		kim_buf_addf(b, "%s%lu.%lu", t < 0 ? "-" : "", a / 10, a % 10);
	else
		kim_buf_addf(b, "%s%lu", t < 0 ? "-" : "", a / 10);
}

/*
 * Ring r of the map as path data into b, offset by (ox, oy) tenths: the
 * first vertex absolute, the others relative; a vertex closer than
 * min_step to the last kept one is dropped.  Returns the vertices kept;
 * with fewer than 3 nothing is written, unless force.
 */
static size_t
ring_path(struct kim_buf *b, const struct kim_map *m, const struct proj *p,
    size_t r, long ox, long oy, long min_step, int force)
{
	size_t a = m->ring[r], e = m->ring[r + 1], n = 0, mark = b->len;
	long x0 = 0, y0 = 0, lx = 0, ly = 0, x, y;

	for (size_t k = a; k < e; k++) {
		project(p, m->pt + 2 * k, &x, &y);
		if (n > 0) {
			long dx = x - lx, dy = y - ly;

			if (dx * dx + dy * dy < min_step * min_step)
				continue;
			/* the closing vertex, or one next to the first */
			if (k + 1 == e && (x - x0) * (x - x0) +
			    (y - y0) * (y - y0) < min_step * min_step)
				continue;
			kim_buf_addc(b, n == 1 ? 'l' : ' ');
			put_tenths(b, dx);
			kim_buf_addc(b, ' ');
			put_tenths(b, dy);
		} else {
			x0 = x;
			y0 = y;
			kim_buf_addc(b, 'M');
			put_tenths(b, x + ox);
			kim_buf_addc(b, ' ');
			put_tenths(b, y + oy);
		}
		lx = x;
		ly = y;
		n++;
	}
	if (n < 3 && !force) {
		b->len = mark;
		if (b->s)
			b->s[mark] = '\0';
		return n;
	}
	kim_buf_addc(b, 'z');
	return n;
}

/* The path data of a shape; a shape whose rings all vanish keeps them. */
static void
shape_path(struct kim_buf *b, const struct kim_map *m, const struct proj *p,
    const struct kim_map_shape *s, long ox, long oy)
{
	size_t drawn = 0;

	kim_buf_reset(b);
	kim_buf_add(b, "", 0);
	for (size_t r = s->ring; r < s->ring + s->nring; r++)
		if (ring_path(b, m, p, r, ox, oy, MIN_STEP, 0) >= 3)
			drawn++;
	if (drawn == 0)
		for (size_t r = s->ring; r < s->ring + s->nring; r++)
			ring_path(b, m, p, r, ox, oy, 1, 1);
}

static int
class_of(long tenths)
{
	int c = (int)(tenths / 200);

	return c < 0 ? 0 : c >= NCLASS ? NCLASS - 1 : c;
}

static void
put_title(FILE *fp, const struct kim_region *reg, const struct kim_cov_at *row)
{
	char pc[24], tg[24];

	fputs("<title>", fp);
	kim_xml_text(fp, reg->name);
	if (!row || row->cov.villages == 0)
		fputs(_(": no data"), fp);
	else {
		fprintf(fp, ": %s%% (%ld/%ld), ",
		    kim_decimal(kim_tenths_fmt(row->cov.percent, pc, sizeof pc)),
		    row->cov.covered, row->cov.villages);
		if (row->cov.has_target)
			fprintf(fp, _("target %s%%"), kim_decimal(
			    kim_tenths_fmt(row->cov.target, tg, sizeof tg)));
		else
			fputs(_("no target"), fp);
		if (row->cov.overdue)
			fprintf(fp, _(", overdue since %s"), row->cov.due);
	}
	fputs("</title>", fp);
}

static void
put_legend(FILE *fp, const char *id, long y)
{
	long x = MARGIN;
	char label[64];

	fprintf(fp, "<g class=\"legend\" font-family=\"sans-serif\" "
	    "font-size=\"12\" stroke-width=\"0.5\">\n");
	for (int c = 0; c <= NCLASS; c++, x += 120) {
		fprintf(fp, "<rect x=\"%ld\" y=\"%ld\" width=\"18\" "
		    "height=\"12\" stroke=\"#808080\" ", x, y);
		if (c < NCLASS)
			fprintf(fp, "fill=\"%s\"/>", class_fill[c]);
		else
			fprintf(fp, "fill=\"url(#%s-nodata)\"/>", id);
		snprintf(label, sizeof label, "%s", c < NCLASS ?
		    class_label[c] : _("no data"));
		fprintf(fp, "<text x=\"%ld\" y=\"%ld\">%s</text>\n", x + 24,
		    y + 11, c < NCLASS ? kim_decimal(label) : label);
	}
	fputs("</g>\n", fp);
}

/*
 * The caption's line of the regions overdue (their target's due day passed,
 * the target not met), their names as long as the line has room: "" when
 * none is.
 */
static void
overdue_line(struct kim_buf *b, const struct kim_map *m,
    const struct kim_cov_at *rows, size_t nrows)
{
	size_t n = 0, named = 0;

	for (size_t k = 0; k < nrows; k++) {
		if (!rows[k].cov.overdue)
			continue;
		if (n++ == 0)
			kim_buf_adds(b, _("Overdue, the target not met by its due "
			    "day: "));
		if (b->len < 100) {
			kim_buf_addf(b, "%s%s", named++ ? ", " : "",
			    m->w->r[rows[k].i].name);
		}
	}
	if (n > named)
		kim_buf_addf(b, _(" and %zu more"), n - named);
	if (n)
		kim_buf_addc(b, '.');
}

/* Labels */

#define LABEL_PX	10	/* the size of their type */
#define LABEL_CELLS	1024	/* at most, for a pole */

/* A label placed: its text (not owned) and where, in tenths of a px */
struct label {
	const char *text;
	long x, y;
};

int
kim_map_labels_lookup(const char *s)
{
	static const char *const words[] = { "none", "code", "name" };

	for (int k = 0; k < 3; k++)
		if (strcmp(s, words[k]) == 0)
			return k;
	return -1;
}

/* A region's name on a map: "Kabupaten Tabanan" is "Tabanan" */
static const char *
short_name(const char *name)
{
	static const char kab[] = "Kabupaten ";
	size_t n = sizeof kab - 1;

	return strncmp(name, kab, n) == 0 && name[n] ? name + n : name;
}

/*
 * The largest polygon of shape s, projected to tenths of a px (not
 * rounded, offset by ox, oy) into pt and ring, as pg.  0 when it has none.
 */
static int
largest(const struct kim_map *m, const struct proj *p,
    const struct kim_map_shape *s, long ox, long oy, struct kim_buf *pt,
    struct kim_buf *ring, struct kim_polygon *pg)
{
	size_t a = m->ring[s->ring], e = m->ring[s->ring + s->nring];
	double *xy, best = -1;
	size_t *rg;

	kim_buf_reset(pt);
	kim_buf_reset(ring);
	for (size_t k = a; k < e; k++) {
		double v[2] = {
			(m->pt[2 * k] - p->west) * p->kx * p->scale * 10 + ox,
			(p->north - m->pt[2 * k + 1]) * p->scale * 10 + oy };
		kim_buf_add(pt, (const char *)v, sizeof v);
	}
	for (size_t r = s->ring; r <= s->ring + s->nring; r++) {
		size_t v = m->ring[r] - a;
		kim_buf_add(ring, (const char *)&v, sizeof v);
	}
	xy = (double *)(void *)pt->s;
	rg = (size_t *)(void *)ring->s;
	for (size_t r = 0; r < s->nring;) {
		size_t r1 = r + 1;
		struct kim_polygon q;
		double area;

		while (r1 < s->nring && m->hole[s->ring + r1])
			r1++;
		q = (struct kim_polygon){ xy, rg + r, r1 - r };
		if ((area = kim_geom_area(&q)) > best) {
			best = area;
			*pg = q;
		}
		r = r1;
	}
	return best > 0;
}

/* Does a label of text, centred at (x, y), lie inside pg? */
static int
fits(const struct kim_polygon *pg, const char *text, double x, double y)
{
	/* 0.6 em a character, and a pixel of room around it */
	double hw = (double)kim_utf8_chars(text) * LABEL_PX * 6 / 2 + 10;
	double hh = LABEL_PX * 10 / 2 + 10, step = 20;

	for (double t = -hw; t <= hw + step / 2; t += step) {
		double u = t > hw ? hw : t;
		if (!kim_geom_inside(pg, x + u, y - hh) ||
		    !kim_geom_inside(pg, x + u, y + hh))
			return 0;
	}
	for (double t = -hh; t <= hh + step / 2; t += step) {
		double u = t > hh ? hh : t;
		if (!kim_geom_inside(pg, x - hw, y + u) ||
		    !kim_geom_inside(pg, x + hw, y + u))
			return 0;
	}
	return 1;
}

/*
 * The labels of the shapes, into lb; returns how many are placed, *hidden
 * how many do not fit.
 */
static size_t
place_labels(const struct kim_map *m, const struct proj *p, long ox,
    long oy, int kind, struct label *lb, size_t *hidden)
{
	struct kim_buf pt = { 0 }, ring = { 0 };
	size_t n = 0;

	*hidden = 0;
	for (size_t s = 0; s < m->n && kind != KIM_LABELS_NONE; s++) {
		const struct kim_map_shape *sh = &m->s[s];
		const struct kim_region *reg = &m->w->r[sh->i];
		const char *text[2] = { short_name(reg->name), reg->code };
		struct kim_polygon pg;
		double x, y;
		int t = kind == KIM_LABELS_NAME ? 0 : 1;

		if (!largest(m, p, sh, ox, oy, &pt, &ring, &pg)) {
			++*hidden;
			continue;
		}
		kim_geom_pole(&pg, 10, LABEL_CELLS, &x, &y);
		while (t < 2 && !fits(&pg, text[t], x, y))
			t++;
		if (t == 2) {
			++*hidden;
			continue;
		}
		lb[n++] = (struct label){ text[t], lround(x),
		    lround(y + LABEL_PX * 3.5) };
	}
	kim_buf_free(&pt);
	kim_buf_free(&ring);
	return n;
}

static void
put_labels(FILE *fp, const struct label *lb, size_t n)
{
	struct kim_buf b = { 0 };

	if (n == 0)
		return;
	fprintf(fp, "<g class=\"labels\" font-family=\"sans-serif\" "
	    "font-size=\"%d\" text-anchor=\"middle\" fill=\"#000000\" "
	    "stroke=\"#ffffff\" stroke-width=\"2\" stroke-linejoin=\"round\" "
	    "paint-order=\"stroke\" pointer-events=\"none\">\n", LABEL_PX);
	for (size_t k = 0; k < n; k++) {
		kim_buf_reset(&b);
		kim_buf_adds(&b, "<text x=\"");
		put_tenths(&b, lb[k].x);
		kim_buf_adds(&b, "\" y=\"");
		put_tenths(&b, lb[k].y);
		kim_buf_adds(&b, "\">");
		fputs(kim_buf_str(&b), fp);
		kim_xml_text(fp, lb[k].text);
		fputs("</text>\n", fp);
	}
	fputs("</g>\n", fp);
	kim_buf_free(&b);
}

size_t
kim_map_svg(FILE *fp, const struct kim_map *m, const struct kim_cov_at *rows,
    size_t nrows, const struct kim_map_style *st)
{
	struct kim_buf late = { 0 };
	const char *id = "kim-map";
	struct kim_buf d = { 0 };
	struct proj p;
	struct label *lb = kim_calloc(m->n ? m->n : 1, sizeof *lb);
	size_t k = 0, drawn = 0, nlabel, hidden;
	long ox, oy = MARGIN * 10, height, legend_y;

	proj_fit(&p, m);
	ox = (SVG_W * 10 - p.width) / 2;
	legend_y = MARGIN + (p.height + 9) / 10 + 12;
	overdue_line(&late, m, rows, nrows);
	nlabel = place_labels(m, &p, ox, oy, st->labels, lb, &hidden);
	height = legend_y + 12 + 14 + (late.len ? 3 : 2) * 16 + MARGIN;

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", fp);
	fprintf(fp, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"%d\" height=\"%ld\" viewBox=\"0 0 %d %ld\" "
	    "role=\"img\" aria-labelledby=\"%s-title\">\n", SVG_W, height,
	    SVG_W, height, id);
	fprintf(fp, "<title id=\"%s-title\">", id);
	kim_xml_text(fp, st->caption ? st->caption : "");
	fputs("</title>\n", fp);
	fprintf(fp, "<defs><pattern id=\"%s-nodata\" width=\"6\" height=\"6\" "
	    "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
	    "<rect width=\"6\" height=\"6\" fill=\"#ffffff\"/>"
	    "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#909090\" "
	    "stroke-width=\"2\"/></pattern></defs>\n", id);
	fprintf(fp, "<rect width=\"%d\" height=\"%ld\" fill=\"#ffffff\"/>\n",
	    SVG_W, height);
	fputs("<g class=\"regions\" fill-rule=\"evenodd\" stroke=\"#808080\" "
	    "stroke-width=\"0.4\" stroke-linejoin=\"round\">\n", fp);
	for (size_t s = 0; s < m->n; s++) {
		const struct kim_map_shape *sh = &m->s[s];
		const struct kim_cov_at *row = NULL;

		while (k < nrows && rows[k].i < sh->i)
			k++;
		if (k < nrows && rows[k].i == sh->i) {
			row = &rows[k];
			drawn++;
		}
		fprintf(fp, "<path class=\"region\" data-code=\"%s\" fill=\"",
		    m->w->r[sh->i].code);
		if (row && row->cov.villages > 0)
			fputs(class_fill[class_of(row->cov.percent)], fp);
		else
			fprintf(fp, "url(#%s-nodata)", id);
		shape_path(&d, m, &p, sh, ox, oy);
		fprintf(fp, "\" d=\"%s\">", d.s);
		put_title(fp, &m->w->r[sh->i], row);
		fputs("</path>\n", fp);
	}
	fputs("</g>\n", fp);
	put_labels(fp, lb, nlabel);
	put_legend(fp, id, legend_y);
	fprintf(fp, "<g class=\"caption\" font-family=\"sans-serif\" "
	    "font-size=\"12\">\n<text x=\"%d\" y=\"%ld\" font-size=\"14\" "
	    "font-weight=\"bold\">", MARGIN, legend_y + 12 + 20);
	kim_xml_text(fp, st->caption ? st->caption : "");
	fprintf(fp, "</text>\n<text x=\"%d\" y=\"%ld\">%s", MARGIN,
	    legend_y + 12 + 20 + 16, _("As of "));
	kim_xml_text(fp, st->as_of ? st->as_of : "");
	fputs(_(". Boundaries: "), fp);
	kim_xml_text(fp, kim_base_name(m->path));
	if (m->source) {
		fputs(_(", source: "), fp);
		kim_xml_text(fp, m->source);
	} else
		fputs(_(", which names no source"), fp);
	fputc('.', fp);
	if (drawn < nrows)
		fprintf(fp, _(" %zu of %zu regions have no boundary and are "
		    "not drawn."), nrows - drawn, nrows);
	if (hidden)
		fprintf(fp, _(" %zu of %zu labels do not fit their region and "
		    "are left out."), hidden, m->n);
	fputs("</text>\n", fp);
	if (late.len) {
		fprintf(fp, "<text class=\"overdue\" x=\"%d\" y=\"%ld\">",
		    MARGIN, legend_y + 12 + 20 + 32);
		kim_xml_text(fp, kim_buf_str(&late));
		fputs("</text>\n", fp);
	}
	fputs("</g>\n</svg>\n", fp);
	kim_buf_free(&late);
	kim_buf_free(&d);
	free(lb);
	return drawn;
}

int
kim_map_print(FILE *fp, const struct kim_map *m,
    const struct kim_coverage *c, const struct kim_cov_sel *sel, int by,
    const int *status, const char *dir, const struct kim_date *as_of,
    int labels, struct kim_diag *d)
{
	struct kim_targets t;
	struct kim_cov_at *rows;
	struct kim_map_style st = { 0 };
	char day[16];
	size_t n;

	if (kim_targets_load(&t, dir, m->w, d) != 0) {
		kim_targets_free(&t);
		return KIM_EXIT_DATA;
	}
	n = kim_cov_rows(c, sel, by, &t, &rows);
	st.caption = kim_map_caption(status, c->filter ? c->filter->evidence :
	    -1, by, c->unit, m->w, sel);
	st.as_of = kim_date_fmt(as_of, day);
	st.labels = labels;
	kim_map_warn_undrawn(m, rows, n, kim_map_svg(fp, m, rows, n, &st));
	free((char *)st.caption);
	free(rows);
	kim_targets_free(&t);
	return n > 0 ? KIM_EXIT_OK : KIM_EXIT_NO;
}

const char *
kim_map_level(int by)
{
	static const char *const of[] = { N_("province"), "kabupaten/kota",
	    KIM_LVS_KECAMATAN };

	return _(of[by - 1]);
}

char *
kim_map_caption(const int *status, long evidence, int by, int unit,
    const struct kim_wilayah *w, const struct kim_cov_sel *sel)
{
	struct kim_buf b = { 0 };
	int n = 0;

	kim_buf_adds(&b, unit == KIM_UNIT_KECAMATAN ?
	    _("Kecamatan with a KIM of their own (") : _("Villages with a KIM ("));
	for (int k = 0; k < KIM_NSTATUS; k++)
		if (status[k])
			kim_buf_addf(&b, "%s%s", n++ ? ", " : "",
			    kim_status_names[k]);
	if (evidence >= 0)
		kim_buf_addf(&b, _(", with an activity in the last %ld days"),
		    evidence);
	kim_buf_addf(&b, _("), by %s"), kim_map_level(by));
	for (size_t i = 0; i < sel->n; i++)
		kim_buf_addf(&b, "%s%s", i ? ", " : ": ", w->r[sel->r[i]].name);
	return b.s;
}

void
kim_map_warn_undrawn(const struct kim_map *m, const struct kim_cov_at *rows,
    size_t n, size_t drawn)
{
	for (size_t k = 0; k < n && drawn < n; k++)
		if (!kim_map_find(m, rows[k].i)) {
			kim_warn("%s: warning: no boundary for %zu of %zu "
			    "regions (first: %s %s); they are not drawn",
			    m->path, n - drawn, n, rows[k].cov.region,
			    rows[k].cov.name);
			break;
		}
}
