/*
 * kim_feed: a KIM website's saved RSS 2.0 or Atom feed read through expat
 * (never a network connection): each item or entry as an activity of one
 * KIM, kind berita, with its date, title and link.
 */
#ifndef KIM_FEED_H
#define KIM_FEED_H

#include "kim_activity.h"

/*
 * Read the feed at path ("-" is standard input) and pass each item
 * (RSS <item>: title, link, pubDate or dc:date; Atom <entry>: title, the
 * link whose rel is alternate or none, published or else updated) to fn
 * as an activity of kim, kind berita, the title's blanks and line breaks
 * as single blanks, the date as the feed writes it (the publisher's day).
 * A file that is not well-formed XML (an undefined entity included), one
 * with a DOCTYPE (no entity is expanded from one), a feed that is neither
 * RSS nor Atom, one without items, an item without a date or with a date
 * that is not one, and one without a title are reported to d with their
 * line and column, and nothing is passed on after the first problem of
 * the document itself.  Returns the number of problems, or -1 when the
 * file cannot be read.
 */
long kim_feed_read(const char *path, const char *kim, kim_activity_fn fn,
    void *arg, struct kim_diag *d);

#endif
