// SPDX-License-Identifier: GPL-2.0
/* sipctl: the command-line front end of sipdrv (talks to /dev/sipdrv). */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <uapi/sipdrv.h>
#include <sipdrv/version.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const char *prog = "sipctl";

static void __attribute__((format(printf, 1, 2))) err(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* The device to talk to: $SIPDRV_DEVICE overrides /dev/sipdrv (for tests). */
static const char *device_path(void)
{
	const char *path = getenv("SIPDRV_DEVICE");

	return path && *path ? path : SIPDRV_DEVICE_PATH;
}

/*
 * Opens the device and checks that it speaks our ABI. Returns the file
 * descriptor, or -1 after printing why not. @ver receives the module's answer.
 */
static int device_open(struct sipdrv_version *ver)
{
	const char *path = device_path();
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;

		err("cannot open %s: %s%s", path, strerror(e),
		    e == ENOENT ? " (is sipdrv.ko loaded?)" : "");
		return -1;
	}
	memset(ver, 0, sizeof(*ver));
	if (ioctl(fd, SIPDRV_IOC_VERSION, ver) < 0) {
		if (errno == ENOTTY)
			err("%s is not a sipdrv device", path);
		else
			err("%s: version query failed: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	ver->release[sizeof(ver->release) - 1] = '\0';
	return fd;
}

static int cmd_version(int argc, char **argv)
{
	struct sipdrv_version ver;
	int fd;

	(void)argv;
	if (argc > 1) {
		err("version: unexpected argument '%s'", argv[1]);
		return 2;
	}
	printf("sipctl %s (ABI %d)\n", SIPDRV_RELEASE, SIPDRV_ABI_VERSION);
	fflush(stdout);
	fd = device_open(&ver);
	if (fd < 0)
		return 1;
	close(fd);
	printf("sipdrv.ko %s (ABI %u)\n", ver.release, ver.abi);
	if (ver.abi != SIPDRV_ABI_VERSION) {
		err("ABI mismatch: sipctl speaks ABI %d, the module ABI %u",
		    SIPDRV_ABI_VERSION, ver.abi);
		return 1;
	}
	return 0;
}

static int cmd_help(int argc, char **argv);

struct command {
	const char *name;
	const char *args;
	const char *help;
	int (*fn)(int argc, char **argv);
};

static const struct command commands[] = {
	{ "version", "", "print the versions of sipctl and of the loaded sipdrv.ko", cmd_version },
	{ "help", "", "show this help", cmd_help },
};

static void usage(FILE *out)
{
	size_t i;

	fprintf(out, "usage: %s [--help] COMMAND [ARGS...]\n\ncommands:\n", prog);
	for (i = 0; i < ARRAY_SIZE(commands); i++) {
		char head[64];

		snprintf(head, sizeof(head), "%s %s", commands[i].name, commands[i].args);
		fprintf(out, "  %-24s %s\n", head, commands[i].help);
	}
	fprintf(out, "\nenvironment:\n  SIPDRV_DEVICE            device to use instead of %s\n",
		SIPDRV_DEVICE_PATH);
}

static int cmd_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	usage(stdout);
	return 0;
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return cmd_help(argc - 1, argv + 1);
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	err("unknown command '%s' (try '%s --help')", argv[1], prog);
	return 2;
}
