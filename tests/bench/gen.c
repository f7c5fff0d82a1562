/*
 * gen: a deterministic register for the benchmark.
 *
 *   gen [-s SEED] N WILAYAH DIR
 *
 * Writes DIR/kim/PP.KK.csv (one file per kabupaten/kota, plus PP.csv for
 * province-level KIM), DIR/targets.csv (every province) and a symlink
 * DIR/wilayah.csv -> WILAYAH, with N KIM spread over the real villages of
 * WILAYAH (2 % of them at kecamatan or kabupaten level).  The same SEED, N
 * and WILAYAH give the same bytes.  Records are written by libkim's own
 * kim_record_write, in the register's order, so `kim-check` finds nothing.
 * Names have commas and quotes in some of them, notes a line break in a
 * few; formed dates run 2008-01-01 .. 2026-10-31, all three statuses and a
 * dozen sectors occur.  Nothing after 2026-11-01 is written, so any as-of
 * day from then on reads the same register.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kim.h"

static uint64_t seed = 20231121;

/* xorshift64*: small, fast and the same everywhere */
static uint64_t
rnd(void)
{
	seed ^= seed >> 12;
	seed ^= seed << 25;
	seed ^= seed >> 27;
	return seed * 2685821657736338717ULL;
}

static unsigned
pick(unsigned n)
{
	return (unsigned)((rnd() >> 11) % n);
}

#define N_OF(a) (sizeof a / sizeof *a)

static const char *const word1[] = { "Maju", "Sejahtera", "Harapan",
    "Bersatu", "Mandiri", "Lestari", "Sentosa", "Makmur", "Cerdas",
    "Bangkit", "Jaya", "Santun", "Karya", "Bina", "Tunas", "Mekar",
    "Sinar", "Cahaya", "Gemilang", "Berkah", "Rukun", "Damai", "Sri",
    "Tri Hita", "Gotong Royong", "Sumber", "Merdeka", "Bhakti" };
static const char *const word2[] = { "Bersama", "Jaya", "Abadi", "Mulya",
    "Informasi", "Desa", "Nusantara", "Muda", "Baru", "Utama", "Kencana",
    "Karana", "Rahayu", "Sakti", "Wangi", "Indah", "Pertiwi", "Insani" };
static const char *const sectors[] = { "umkm", "pariwisata", "pertanian",
    "kesehatan", "lingkungan", "literasi", "perikanan", "pendidikan",
    "kebudayaan", "peternakan", "teknologi", "kepemudaan" };
static const char *const given[] = { "Made", "Wayan", "Nyoman", "Ketut",
    "Siti", "Agus", "Budi", "Dewi", "Putu", "Ahmad", "Nur", "Rina",
    "Yohanes", "Maria", "Teuku", "Cut", "La Ode", "Andi", "Ni Luh", "Eko" };
static const char *const family[] = { "Santoso", "Wijaya", "Saputra",
    "Lestari", "Rahman", "Hidayat", "Siregar", "Nasution", "Pratama",
    "Sari", "Gunawan", "Kurniawan", "Simanjuntak", "Manurung", "Tan" };

/* dates as days since 1970 */
static long day_first, day_last;

static void
date(long days, char out[11])
{
	struct kim_date d = kim_date_from_days(days);

	kim_date_fmt(&d, out);
}

static long
span(long from, long to)
{
	return from >= to ? to : from + (long)pick((unsigned)(to - from + 1));
}

static void
person(char *buf, size_t size)
{
	snprintf(buf, size, "%s %s", given[pick(N_OF(given))],
	    family[pick(N_OF(family))]);
}

/* One record of region code, sequence seq, in the canonical form. */
static void
record(FILE *fp, const char *code, unsigned seq, int village)
{
	char id[32], name[128], sk[64], chair[48], sec[48], tre[48],
	    members[16], sect[160], web[96], contact[32], notes[160];
	char formed[11], verified[11], registered[11], updated[11];
	struct kim_record r;
	unsigned k = pick(100);
	const char *w1 = word1[pick(N_OF(word1))], *w2 = word2[pick(N_OF(word2))];

	snprintf(id, sizeof id, "%s-%u", code, seq);
	/* some names with a comma or quotes; the sequence keeps them apart */
	if (k < 6)
		snprintf(name, sizeof name, "KIM \"%s %s\" %u", w1, w2, seq);
	else if (k < 14)
		snprintf(name, sizeof name, "KIM %s %s, Dusun %u", w1, w2, seq);
	else if (k < 40)
		snprintf(name, sizeof name, "Komunitas Informasi Masyarakat %s "
		    "%s %u", w1, w2, seq);
	else
		snprintf(name, sizeof name, "KIM %s %s %u", w1, w2, seq);

	long f = span(day_first, day_last - 30);
	long rg = span(f, day_last);
	long up = span(rg, day_last);
	date(f, formed);
	date(rg, registered);
	date(up, updated);
	verified[0] = '\0';
	if (pick(3))
		date(span(rg, day_last), verified);

	sk[0] = '\0';
	if (pick(4))
		snprintf(sk, sizeof sk, "%u/%02u/%s/%s", 100 + pick(900),
		    1 + pick(12), village ? "KEP-DS" : "KEP", formed);
	person(chair, sizeof chair);
	sec[0] = tre[0] = '\0';
	if (pick(3))
		person(sec, sizeof sec);
	if (pick(2))
		person(tre, sizeof tre);
	members[0] = '\0';
	if (pick(10))
		snprintf(members, sizeof members, "%u", 3 + pick(58));

	/* up to four distinct sectors, in the order of the list */
	unsigned mask = 0, ns = pick(5);
	for (unsigned i = 0; i < ns; i++)
		mask |= 1u << pick(N_OF(sectors));
	sect[0] = '\0';
	for (unsigned i = 0; i < N_OF(sectors); i++)
		if (mask & (1u << i))
			snprintf(sect + strlen(sect), sizeof sect - strlen(sect),
			    "%s%s", sect[0] ? ";" : "", sectors[i]);

	unsigned st = pick(100);
	web[0] = contact[0] = notes[0] = '\0';
	if (pick(3) == 0)
		snprintf(web, sizeof web, "https://%s%s%u.kim.id", w1[0] == 'T' ?
		    "trihita" : "kim", w2, seq);
	if (pick(2))
		snprintf(contact, sizeof contact, "08%010llu",
		    (unsigned long long)(rnd() % 10000000000ULL));
	k = pick(100);
	if (k < 3)
		snprintf(notes, sizeof notes, "Pengurus baru, SK \"perubahan\" "
		    "menyusul");
	else if (k < 4)
		snprintf(notes, sizeof notes, "Pindah sekretariat\nke balai desa");
	else if (k < 12)
		snprintf(notes, sizeof notes, "Pembinaan %u", 2010 + pick(16));

	memset(&r, 0, sizeof r);
	r.f[KIM_F_ID] = id;
	r.f[KIM_F_NAME] = name;
	r.f[KIM_F_REGION] = (char *)code;
	r.f[KIM_F_FORMED] = formed;
	r.f[KIM_F_SK] = sk;
	r.f[KIM_F_CHAIR] = chair;
	r.f[KIM_F_SECRETARY] = sec;
	r.f[KIM_F_TREASURER] = tre;
	r.f[KIM_F_MEMBERS] = members;
	r.f[KIM_F_SECTORS] = sect;
	r.f[KIM_F_STATUS] = st < 78 ? "aktif" : st < 92 ? "nonaktif" : "bubar";
	r.f[KIM_F_WEBSITE] = web;
	r.f[KIM_F_CONTACT] = contact;
	r.f[KIM_F_VERIFIED] = verified;
	r.f[KIM_F_REGISTERED] = registered;
	r.f[KIM_F_UPDATED] = updated;
	r.f[KIM_F_NOTES] = notes;
	kim_record_write(fp, &r, 0);
}

static FILE *
open_file(const char *dir, const char *code, size_t len)
{
	char path[4096];
	FILE *fp;

	snprintf(path, sizeof path, "%s/kim/%.*s.csv", dir, (int)len, code);
	if (!(fp = fopen(path, "w")))
		kim_die(KIM_EXIT_IO, "%s: cannot create:", path);
	fprintf(fp, "%s\n", kim_header);
	return fp;
}

static void
close_file(FILE *fp)
{
	if (fp && (ferror(fp) || fclose(fp) != 0))
		kim_die(KIM_EXIT_IO, "cannot write a register file:");
}

int
main(int argc, char **argv)
{
	struct kim_wilayah w;
	struct kim_diag d;
	struct kim_date first = { 2008, 1, 1 }, last = { 2026, 10, 31 };
	uint32_t *count;
	long *villages = NULL, *upper = NULL;
	size_t nv = 0, nu = 0, i;
	unsigned long n;
	char path[4096], *end;
	int c;

	kim_setprog(argv[0]);
	kim_diag_init_stderr(&d);
	while ((c = getopt(argc, argv, "s:")) != -1) {
		if (c != 's')
			goto usage;
		seed = strtoull(optarg, &end, 10);
		if (*end || seed == 0)
			goto usage;
	}
	if (argc - optind != 3)
		goto usage;
	errno = 0;
	n = strtoul(argv[optind], &end, 10);
	if (*end || errno || n == 0)
		goto usage;
	const char *wpath = argv[optind + 1], *dir = argv[optind + 2];

	if (kim_wilayah_load(&w, wpath, &d) != 0)
		return KIM_EXIT_DATA;
	day_first = kim_date_days(&first);
	day_last = kim_date_days(&last);

	/* where KIM may be: villages, and kecamatan and kabupaten for a few */
	for (i = 0; i < w.n; i++) {
		int depth = kim_level_depth(w.r[i].level);
		if (depth == 4) {
			villages = kim_reallocarray(villages, nv + 1, sizeof *villages);
			villages[nv++] = (long)i;
		} else if (depth >= 2) {
			upper = kim_reallocarray(upper, nu + 1, sizeof *upper);
			upper[nu++] = (long)i;
		}
	}
	if (nv == 0 || nu == 0)
		kim_die(KIM_EXIT_DATA, "%s: no villages", wpath);
	count = kim_calloc(w.n, sizeof *count);
	for (unsigned long k = 0; k < n; k++) {
		/* villages are picked unevenly: a quarter of them twice as often */
		long v;
		if (pick(50) == 0)
			v = upper[pick((unsigned)nu)];
		else {
			v = villages[pick((unsigned)nv)];
			if (pick(2) && (v & 3))
				v = villages[pick((unsigned)nv)];
		}
		count[v]++;
	}

	snprintf(path, sizeof path, "%s/kim", dir);
	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		kim_die(KIM_EXIT_IO, "%s: cannot create:", dir);
	if (mkdir(path, 0777) != 0 && errno != EEXIST)
		kim_die(KIM_EXIT_IO, "%s: cannot create:", path);
	snprintf(path, sizeof path, "%s/wilayah.csv", dir);
	unlink(path);
	if (symlink(wpath, path) != 0)
		kim_die(KIM_EXIT_IO, "%s: cannot link:", path);

	/* regions come in code order: each file is written in one go */
	FILE *fp = NULL;
	char cur[8] = "";
	for (i = 0; i < w.n; i++) {
		const char *code = w.r[i].code;
		size_t len = kim_code_prefix_len(code, 2);
		if (!count[i])
			continue;
		if (len == 0)
			len = 2;	/* a province-level KIM */
		if (strlen(cur) != len || strncmp(cur, code, len) != 0) {
			close_file(fp);
			fp = open_file(dir, code, len);
			snprintf(cur, sizeof cur, "%.*s", (int)len, code);
		}
		for (uint32_t s = 1; s <= count[i]; s++)
			record(fp, code, s, kim_level_depth(w.r[i].level) == 4);
	}
	close_file(fp);

	/* a target for every province, due at the end of a year */
	snprintf(path, sizeof path, "%s/targets.csv", dir);
	if (!(fp = fopen(path, "w")))
		kim_die(KIM_EXIT_IO, "%s: cannot create:", path);
	fprintf(fp, "region,target,due\n");
	for (i = 0; i < w.n; i++)
		if (w.r[i].level == KIM_LV_PROVINSI)
			fprintf(fp, "%s,%u%s,%u-12-31\n", w.r[i].code,
			    50 + pick(50), pick(4) ? "" : ".5", 2025 + pick(4));
	close_file(fp);
	free(count);
	free(villages);
	free(upper);
	kim_wilayah_free(&w);
	return 0;
usage:
	fprintf(stderr, "usage: gen [-s SEED] N WILAYAH DIR\n");
	return KIM_EXIT_USAGE;
}
