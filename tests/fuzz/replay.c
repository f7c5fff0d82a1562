/*
 * replay: run a harness's LLVMFuzzerTestOneInput once on each file given,
 * or on each file of each folder given, without libFuzzer.  `make
 * fuzz-replay` links every harness with it using the ordinary compiler,
 * so that the seed corpus (and every input that once crashed) is run even
 * where clang is missing.  Prints how many inputs ran.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
run_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (!fp) {
		perror(path);
		return -1;
	}
	do {
		if (len == cap) {
			cap = cap ? cap * 2 : 4096;
			if (!(buf = realloc(buf, cap)))
				abort();
		}
		n = fread(buf + len, 1, cap - len, fp);
		len += n;
	} while (n > 0);
	if (ferror(fp)) {
		perror(path);
		fclose(fp);
		free(buf);
		return -1;
	}
	fclose(fp);
	/* an exact-size copy, so that ASan sees a read past the end */
	uint8_t *data = malloc(len ? len : 1);
	if (!data)
		abort();
	memcpy(data, buf, len);
	free(buf);
	LLVMFuzzerTestOneInput(data, len);
	free(data);
	return 0;
}

int
main(int argc, char **argv)
{
	long ran = 0;
	int bad = 0;

	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) != 0) {
			perror(argv[i]);
			bad = 1;
			continue;
		}
		if (!S_ISDIR(st.st_mode)) {
			bad |= run_file(argv[i]) != 0;
			ran++;
			continue;
		}
		struct dirent **ents;
		int n = scandir(argv[i], &ents, NULL, alphasort);
		if (n < 0) {
			perror(argv[i]);
			bad = 1;
			continue;
		}
		for (int k = 0; k < n; k++) {
			if (ents[k]->d_name[0] != '.') {
				size_t len = strlen(argv[i]) + strlen(ents[k]->d_name) + 2;
				char *p = malloc(len);
				if (!p)
					abort();
				snprintf(p, len, "%s/%s", argv[i], ents[k]->d_name);
				bad |= run_file(p) != 0;
				ran++;
				free(p);
			}
			free(ents[k]);
		}
		free(ents);
	}
	printf("%ld inputs\n", ran);
	return bad;
}
