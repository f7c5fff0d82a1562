/* kim_geom: plane geometry of polygons, for the labels of maps */
#include <math.h>
#include <stdlib.h>

#include "kim_geom.h"
#include "kim_util.h"

double
kim_geom_area(const struct kim_polygon *p)
{
	double total = 0;

	for (size_t k = 0; k < p->nring; k++) {
		double s = 0;

		for (size_t i = p->ring[k], j = p->ring[k + 1] - 1;
		    i < p->ring[k + 1]; j = i++)
			s += p->pt[2 * j] * p->pt[2 * i + 1] -
			    p->pt[2 * i] * p->pt[2 * j + 1];
		total += k == 0 ? fabs(s) / 2 : -fabs(s) / 2;
	}
	return total > 0 ? total : 0;
}

int
kim_geom_inside(const struct kim_polygon *p, double x, double y)
{
	int in = 0;

	for (size_t k = 0; k < p->nring; k++)
		for (size_t i = p->ring[k], j = p->ring[k + 1] - 1;
		    i < p->ring[k + 1]; j = i++) {
			double xi = p->pt[2 * i], yi = p->pt[2 * i + 1];
			double xj = p->pt[2 * j], yj = p->pt[2 * j + 1];

			if ((yi > y) != (yj > y) &&
			    x < (xj - xi) * (y - yi) / (yj - yi) + xi)
				in = !in;
		}
	return in;
}

/* The square of the distance from (x, y) to the segment a-b. */
static double
segment_dist2(double x, double y, const double *a, const double *b)
{
	double ax = a[0], ay = a[1], dx = b[0] - ax, dy = b[1] - ay;

	if (dx != 0 || dy != 0) {
		double t = ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy);

		if (t > 1) {
			ax = b[0];
			ay = b[1];
		} else if (t > 0) {
			ax += dx * t;
			ay += dy * t;
		}
	}
	dx = x - ax;
	dy = y - ay;
	return dx * dx + dy * dy;
}

double
kim_geom_distance(const struct kim_polygon *p, double x, double y)
{
	double best = INFINITY;

	for (size_t k = 0; k < p->nring; k++)
		for (size_t i = p->ring[k], j = p->ring[k + 1] - 1;
		    i < p->ring[k + 1]; j = i++) {
			double d = segment_dist2(x, y, p->pt + 2 * j,
			    p->pt + 2 * i);

			if (d < best)
				best = d;
		}
	if (!isfinite(best))
		return 0;
	return (kim_geom_inside(p, x, y) ? 1 : -1) * sqrt(best);
}

/* A square cell: its centre, half its side, and the distance there. */
struct cell {
	double x, y, h, d;
	double max;	/* the best distance a point of the cell can have */
};

static struct cell
make_cell(const struct kim_polygon *p, double x, double y, double h)
{
	struct cell c = { x, y, h, kim_geom_distance(p, x, y), 0 };

	c.max = c.d + h * M_SQRT2;
	return c;
}

/* The queue of cells, the highest max first: a binary heap. */
struct queue {
	struct cell *c;
	size_t n, cap;
};

static void
push(struct queue *q, struct cell c)
{
	size_t i;

	if (q->n == q->cap) {
		q->cap = q->cap ? 2 * q->cap : 64;
		q->c = kim_reallocarray(q->c, q->cap, sizeof *q->c);
	}
	for (i = q->n++; i > 0 && q->c[(i - 1) / 2].max < c.max;
	    i = (i - 1) / 2)
		q->c[i] = q->c[(i - 1) / 2];
	q->c[i] = c;
}

static struct cell
pop(struct queue *q)
{
	struct cell top = q->c[0], last = q->c[--q->n];
	size_t i = 0;

	for (;;) {
		size_t k = 2 * i + 1;

		if (k >= q->n)
			break;
		if (k + 1 < q->n && q->c[k + 1].max > q->c[k].max)
			k++;
		if (q->c[k].max <= last.max)
			break;
		q->c[i] = q->c[k];
		i = k;
	}
	if (q->n > 0)
		q->c[i] = last;
	return top;
}

/* The centroid of the outline: a first guess that is often good. */
static struct cell
centroid_cell(const struct kim_polygon *p)
{
	double a = 0, cx = 0, cy = 0;
	size_t b = p->ring[0], e = p->ring[1];

	for (size_t i = b, j = e - 1; i < e; j = i++) {
		double f = p->pt[2 * j] * p->pt[2 * i + 1] -
		    p->pt[2 * i] * p->pt[2 * j + 1];

		cx += (p->pt[2 * j] + p->pt[2 * i]) * f;
		cy += (p->pt[2 * j + 1] + p->pt[2 * i + 1]) * f;
		a += 3 * f;
	}
	if (a == 0)
		return make_cell(p, p->pt[2 * b], p->pt[2 * b + 1], 0);
	return make_cell(p, cx / a, cy / a, 0);
}

double
kim_geom_pole(const struct kim_polygon *p, double precision,
    size_t max_cells, double *x, double *y)
{
	double minx = INFINITY, miny = INFINITY, maxx = -INFINITY,
	    maxy = -INFINITY, w, hgt, size, h;
	struct queue q = { 0 };
	struct cell best, c;
	size_t looked = 0;

	*x = *y = 0;
	if (p->nring == 0 || p->ring[1] <= p->ring[0])
		return 0;
	for (size_t i = p->ring[0]; i < p->ring[1]; i++) {
		double px = p->pt[2 * i], py = p->pt[2 * i + 1];

		minx = px < minx ? px : minx;
		miny = py < miny ? py : miny;
		maxx = px > maxx ? px : maxx;
		maxy = py > maxy ? py : maxy;
	}
	*x = minx;
	*y = miny;
	w = maxx - minx;
	hgt = maxy - miny;
	size = w < hgt ? w : hgt;
	if (size <= 0)
		return 0;
	h = size / 2;
	for (double cx = minx; cx < maxx; cx += size)
		for (double cy = miny; cy < maxy; cy += size) {
			push(&q, make_cell(p, cx + h, cy + h, h));
			looked++;
		}
	best = centroid_cell(p);
	c = make_cell(p, minx + w / 2, miny + hgt / 2, 0);
	if (c.d > best.d)
		best = c;
	while (q.n > 0) {
		c = pop(&q);
		if (c.d > best.d)
			best = c;
		/* no point of it can beat the best by more than precision */
		if (c.max - best.d <= precision)
			continue;
		if (looked + 4 > max_cells)
			break;
		h = c.h / 2;
		push(&q, make_cell(p, c.x - h, c.y - h, h));
		push(&q, make_cell(p, c.x + h, c.y - h, h));
		push(&q, make_cell(p, c.x - h, c.y + h, h));
		push(&q, make_cell(p, c.x + h, c.y + h, h));
		looked += 4;
	}
	free(q.c);
	*x = best.x;
	*y = best.y;
	return best.d > 0 ? best.d : 0;
}
