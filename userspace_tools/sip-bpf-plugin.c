// SPDX-License-Identifier: GPL-2.0
/*
 * sip-bpf-plugin: runs one program for the upstream bpf_conformance runner,
 * speaking its plugin protocol (tests/bpf_conformance/README.md): the
 * program as base16 text on stdin, the memory as base16 text in argv[1] when
 * there is any, r0 in hex on stdout and exit 0; a message on stderr and a
 * non-zero exit when the program is refused or faults.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"
#include "conformance_helpers.h"
#include "bytecode_tsv.h"

static const char usage[] =
	"usage: sip-bpf-plugin [MEMORY_HEX] [--checked]\n"
	"Runs the eBPF program read from standard input (hex bytes, white space\n"
	"ignored, as the bpf_conformance runner sends it) in sipdrv's interpreter\n"
	"with r1 = a copy of MEMORY_HEX (0 when absent) and r2 = its length, and\n"
	"prints r0 in hex. Helpers are uBPF's conformance set (5: unwind).\n"
	"  --checked   run in checked mode: every memory access is bounds-checked\n"
	"  --help      print this and exit\n"
	"Exit status: 0 ran, 1 refused or faulted, 2 bad usage.\n";

struct options {
	const char *mem_hex;	/* NULL: no memory */
	bool checked;
};

static u64 stack[SIP_RUN_STACK_BYTES / 8];

static void __printf(1, 2) err(const char *fmt, ...)
{
	va_list ap;

	fputs("sip-bpf-plugin: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Options may come before or after the memory, which is the one non-option. */
static int parse_args(int argc, char **argv, struct options *opt)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help")) {
			fputs(usage, stdout);
			exit(0);
		}
		if (!strcmp(argv[i], "--checked")) {
			opt->checked = true;
			continue;
		}
		if (!strncmp(argv[i], "--", 2) || opt->mem_hex) {
			err("unsupported argument '%s'", argv[i]);
			fputs(usage, stderr);
			return -EINVAL;
		}
		opt->mem_hex = argv[i];
	}
	return 0;
}

/* Standard input as one NUL-terminated string. */
static char *read_stdin(void)
{
	size_t len = 0, cap = 4096, n;
	char *buf = malloc(cap), *p;

	while (buf && (n = fread(buf + len, 1, cap - len - 1, stdin)) > 0) {
		len += n;
		if (cap - len > 1)
			continue;
		cap *= 2;
		p = realloc(buf, cap);
		if (!p)
			free(buf);
		buf = p;
	}
	if (buf && ferror(stdin)) {
		free(buf);
		return NULL;
	}
	if (buf)
		buf[len] = 0;
	return buf;
}

/* Decodes hex text into a fresh buffer; -EINVAL when it is not hex. */
static long decode_hex(const char *text, unsigned char **out)
{
	long n;

	*out = malloc(strlen(text) / 2 + 1);
	if (!*out)
		return -ENOMEM;
	n = sip_unhex(text, *out, strlen(text) / 2);
	return n < 0 ? -EINVAL : n;
}

/* Says what is wrong with a program of @n bytes (decode_hex's answer), if anything. */
static int check_size(long n)
{
	if (n == -ENOMEM)
		err("out of memory");
	else if (n < 0)
		err("the program is not hex bytes");
	else if (n == 0)
		err("empty program");
	else if (n % 8)
		err("the program is %ld bytes, not a whole number of 8-byte instructions", n);
	else
		return 0;
	return -EINVAL;
}

static int load(const char *text, struct sip_prog **prog)
{
	unsigned char *bytes;
	struct sip_diag diag;
	long n = decode_hex(text, &bytes);
	int ret;

	ret = check_size(n);
	if (!ret) {
		ret = sip_prog_load((struct sip_insn *)bytes, n / 8, &conformance_helpers, prog, &diag);
		if (ret)
			err("program refused: insn %u: %s", diag.insn, diag.msg);
	}
	free(bytes);
	return ret;
}

static int run(const struct sip_prog *prog, unsigned char *mem, long mem_len, bool checked)
{
	struct sip_region region = { (unsigned long)mem, mem_len, true };
	struct sip_run run = {
		.args = { mem_len ? (unsigned long)mem : 0, mem_len },
		.stack = stack,
		.regions = &region,
		.nr_regions = 1,
	};
	int ret;

	ret = checked ? sip_interp_run_checked(prog, &run) : sip_interp_run(prog, &run);
	if (ret) {
		err("fault at insn %u: %s (addr %#llx size %u)", run.fault.insn,
		    sip_fault_name(run.fault.kind), run.fault.addr, run.fault.size);
		return ret;
	}
	printf("0x%llx\n", run.r0);
	return 0;
}

int main(int argc, char **argv)
{
	struct options opt = { 0 };
	struct sip_prog *prog = NULL;
	unsigned char *mem = NULL;
	long mem_len = 0;
	char *text;
	int ret;

	if (parse_args(argc, argv, &opt))
		return 2;
	if (opt.mem_hex) {
		mem_len = decode_hex(opt.mem_hex, &mem);
		if (mem_len < 0) {
			err("the memory argument is not hex bytes");
			free(mem);
			return 1;
		}
	}
	text = read_stdin();
	if (!text) {
		err("cannot read the program: %s", strerror(errno));
		free(mem);
		return 1;
	}
	ret = load(text, &prog);
	free(text);
	if (!ret)
		ret = run(prog, mem, mem_len, opt.checked);
	if (prog)
		sip_prog_free(prog);
	free(mem);
	return ret ? 1 : 0;
}
