/* kim_geom: plane geometry of polygons, for the labels of maps */
#ifndef KIM_GEOM_H
#define KIM_GEOM_H

#include <stddef.h>

/*
 * A polygon in the plane: its rings are the points pt[2*ring[k]] ..
 * pt[2*ring[k+1]-1] (x, y pairs) for k = 0 .. nring-1; the first ring is
 * its outline, the others its holes.  A point is inside when it is inside
 * an odd number of rings (the even-odd rule of the map's fill), so holes
 * are holes whatever the rings' direction.
 */
struct kim_polygon {
	const double *pt;
	const size_t *ring;	/* nring + 1 entries */
	size_t nring;
};

/* The area of the polygon: its outline's less its holes' (>= 0). */
double kim_geom_area(const struct kim_polygon *);
/* 1 when (x, y) is inside the polygon (even-odd), else 0. */
int kim_geom_inside(const struct kim_polygon *, double x, double y);
/*
 * The distance from (x, y) to the polygon's nearest edge, holes' edges
 * included: positive inside, negative outside.
 */
double kim_geom_distance(const struct kim_polygon *, double x, double y);

/*
 * The pole of inaccessibility: the point inside the polygon (and outside
 * its holes) farthest from its edges, the centre of its largest inscribed
 * circle, into *x, *y; returns that distance (0 for a polygon of no
 * area).  Found as polylabel does (Agafonkin, 2016): square cells
 * covering the polygon, the most promising split first, until no cell can
 * hold a point better by more than precision; at most max_cells cells are
 * looked at, so the time is bounded whatever the polygon, and the best
 * point found by then is given.
 */
double kim_geom_pole(const struct kim_polygon *, double precision,
    size_t max_cells, double *x, double *y);

#endif
