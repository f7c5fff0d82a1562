/*
 * kim_places: region codes found by the names of places, as lists kept by
 * a kecamatan write them ("Desa Sukamaju", "Kec. Kediri"), inside one
 * region of the list: an index of the names of its villages and kecamatan,
 * made once, sorted, looked up by binary search.
 */
#ifndef KIM_PLACES_H
#define KIM_PLACES_H

#include "kim_util.h"
#include "kim_wilayah.h"

struct kim_places;

/*
 * The index of the villages and kecamatan inside region r of w (r
 * itself included); its memory grows with the regions inside r only.
 */
struct kim_places *kim_places_new(const struct kim_wilayah *w,
    const struct kim_region *r);
void kim_places_free(struct kim_places *);

/*
 * A name as places are compared: ASCII lower case, blanks and '.' as one
 * blank, none at the ends, and without the words desa, kelurahan, kel,
 * kec and kecamatan ("Kec. Kediri " is "kediri"); into out.
 */
void kim_place_fold(const char *name, struct kim_buf *out);

/*
 * The region named by a village's name (desa, may be "") and its
 * kecamatan's (kec, may be ""): with a village's name the village (in
 * that kecamatan when one is named), else the kecamatan.  Returns the
 * region, or NULL with *n the number of regions that fit (0: none, more
 * than 1: all of them listed in why as "CODE (kecamatan NAME), ...",
 * and 0 with a list when the village is in other kecamatan only).
 */
const struct kim_region *kim_places_find(const struct kim_places *,
    const char *desa, const char *kec, size_t *n, struct kim_buf *why);

#endif
