# SPDX-License-Identifier: GPL-2.0
# sipdrv: top-level build.
#   make              build kmod/sipdrv.ko and the tools (build/bin/)
#   make check        install missing dependencies, run host and guest tests
#   make run          install missing dependencies, boot the VM and show the demo
#   make KDIR=/lib/modules/$(uname -r)/build   build for the running kernel
#
# KDIR defaults to the newest installed kernel that has both a build tree and
# /boot/vmlinuz (the one the test VM boots); KVER is derived from KDIR.

TOP := $(CURDIR)
BUILD := $(TOP)/build

ifeq ($(origin KDIR),undefined)
KVER ?= $(shell $(TOP)/scripts/kver.sh)
KDIR := $(if $(KVER),/lib/modules/$(KVER)/build)
else
KVER ?= $(shell cat $(KDIR)/include/config/kernel.release 2>/dev/null)
endif
export KVER

CC ?= gcc
WARNINGS := -Wall -Wextra -Werror
CFLAGS_USER := -std=gnu11 -O2 -g $(WARNINGS) -I$(TOP)/include $(EXTRA_CFLAGS)
# kselftest_harness.h comes from Debian's linux-source tarball, never from the repo.
KSELFTEST_TAR := $(firstword $(wildcard /usr/src/linux-source-*.tar.xz))
KSELFTEST_INC := $(BUILD)/kselftest
CFLAGS_TEST := $(CFLAGS_USER) -isystem $(KSELFTEST_INC) -D_GNU_SOURCE
LDLIBS_USER := -lbpf -lelf -lz -lpthread

# ---- libsipdrv: the portable folders compiled for user space, plus the
# user-space-only code (ELF, assembler) of userspace_tools/libsipdrv ----
PORTABLE_DIRS := sipdrv_runtime verifier channels sip
LIB_SRC := $(filter-out %/platform_kernel.c,$(wildcard $(addsuffix /*.c,$(PORTABLE_DIRS)))) \
	$(wildcard userspace_tools/libsipdrv/*.c)
LIB_OBJ := $(patsubst %.c,$(BUILD)/obj/%.o,$(LIB_SRC))
LIB := $(BUILD)/lib/libsipdrv.a
LIB_INC := -I$(TOP)/sipdrv_runtime -I$(TOP)/verifier -I$(TOP)/channels -I$(TOP)/sip -I$(TOP)/userspace_tools/libsipdrv
HDRS := $(wildcard include/*/*.h $(addsuffix /*.h,$(PORTABLE_DIRS)) userspace_tools/libsipdrv/*.h)

$(BUILD)/obj/%.o: %.c $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_USER) $(LIB_INC) -c -o $@ $<

$(LIB): $(LIB_OBJ)
	@mkdir -p $(@D)
	rm -f $@
	ar rcs $@ $^

# ---- user-space tools: userspace_tools/NAME.c -> build/bin/NAME ----
TOOLS := $(patsubst userspace_tools/%.c,$(BUILD)/bin/%,$(wildcard userspace_tools/*.c))

# ---- tests: *.sh run as they are, *.c are built into build/tests/ ----
HOST_TEST_SRC := $(sort $(wildcard tests/host/*.c))
GUEST_TEST_SRC := $(sort $(wildcard tests/guest/*.c))
HOST_TESTS := $(patsubst tests/%.c,$(BUILD)/tests/%,$(HOST_TEST_SRC)) $(sort $(wildcard tests/host/*.sh)) \
	$(BUILD)/tests/host/precision_corpus
GUEST_TESTS := $(patsubst tests/%.c,$(BUILD)/tests/%,$(GUEST_TEST_SRC)) $(sort $(wildcard tests/guest/*.sh))

.PHONY: all module module-tests tools tests deps check check-nodeps run run-nodeps bench bench-nodeps clean kdir-check \
	check-debug check-debug-nodeps style
.DEFAULT_GOAL := all

all: module tools drivers

kdir-check:
	@if [ -z "$(KDIR)" ] || [ ! -f "$(KDIR)/Makefile" ]; then \
		echo "sipdrv: no kernel build tree (KDIR='$(KDIR)')." >&2; \
		echo "sipdrv: install linux-headers-amd64 and linux-image-amd64 (scripts/install-deps.sh)," >&2; \
		echo "sipdrv: or pass KDIR=/lib/modules/<release>/build" >&2; \
		exit 1; \
	fi

# The production sipdrv.ko exports nothing (kmod/exports.c is test-only).
module: kdir-check
	$(MAKE) -C $(KDIR) M=$(TOP) modules
	$(TOP)/scripts/ko-exports.sh --none $(TOP)/kmod/sipdrv.ko

# sipdrv.ko plus the test-only module tests/kmod/sipdrv_test.ko; this
# sipdrv.ko exports the raw bytecode entry points the test module calls.
module-tests: kdir-check
	$(MAKE) -C $(KDIR) M=$(TOP) SIPDRV_TESTS=m modules

tools: $(TOOLS)

$(BUILD)/bin/%: userspace_tools/%.c $(LIB) $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_USER) $(LIB_INC) -o $@ $< $(filter %.o,$^) $(LIB) $(LDLIBS_USER)

# ---- benchmarks: bench/*_kernels.c are built natively (linked into sipbench)
# and as BPF bytecode (build/bench/*.bpf.o) ----
BPF_CLANG := clang -O2 -g -target bpf -Wall -Werror
BENCH_KERNELS := $(wildcard bench/*_kernels.c)
BENCH_BPF := $(patsubst bench/%.c,$(BUILD)/bench/%.bpf.o,$(BENCH_KERNELS))
$(BUILD)/bin/sipbench: $(patsubst %.c,$(BUILD)/obj/%.o,$(BENCH_KERNELS))
$(BUILD)/bench/%.bpf.o: bench/%.c
	@mkdir -p $(@D)
	$(BPF_CLANG) -c -o $@ $<
# the QEMU plugin that counts the guest's instructions (bench/icount.sh)
TCG_COUNT := $(BUILD)/bench/tcg_count.so
$(TCG_COUNT): bench/tcg_count.c
	@mkdir -p $(@D)
	$(CC) -O2 -shared -fPIC -fvisibility=hidden -Wall -Wextra -Werror -o $@ $< -lpthread

# ---- drivers: example_drivers/NAME.c -> build/drivers/NAME.o, and the host
# tests' own drivers tests/host/drivers/NAME.c -> build/tests/host/drivers/NAME.o ----
DRIVERS := $(patsubst example_drivers/%.c,$(BUILD)/drivers/%.o,$(wildcard example_drivers/*.c))
TEST_DRIVERS := $(patsubst tests/host/drivers/%.c,$(BUILD)/tests/host/drivers/%.o,\
	$(wildcard tests/host/drivers/*.c))
SDK_HDRS := $(wildcard include/sipdrv/*.h)
.PHONY: drivers
drivers: $(DRIVERS)
$(BUILD)/drivers/%.o: example_drivers/%.c $(SDK_HDRS)
	@mkdir -p $(@D)
	$(BPF_CLANG) -I$(TOP)/include -c -o $@ $<
$(BUILD)/tests/host/drivers/%.o: tests/host/drivers/%.c $(SDK_HDRS) $(wildcard tests/host/drivers/*.h)
	@mkdir -p $(@D)
	$(BPF_CLANG) -I$(TOP)/include -c -o $@ $<
$(BUILD)/tests/host/image_test $(BUILD)/tests/host/sip_helpers_test: $(TEST_DRIVERS)
tests: $(DRIVERS)

# ---- the verifier corpus: tests/verifier/corpus/NAME.c -> build/tests/verifier/NAME.o,
# read by build/tests/host/verifier_corpus (the .s files are assembled when it runs) ----
CORPUS_OBJS := $(patsubst tests/verifier/corpus/%.c,$(BUILD)/tests/verifier/%.o,\
	$(wildcard tests/verifier/corpus/*.c))
$(BUILD)/tests/verifier/%.o: tests/verifier/corpus/%.c $(SDK_HDRS)
	@mkdir -p $(@D)
	clang -O2 -g -target bpf -Wall -I$(TOP)/include -c -o $@ $<
$(BUILD)/tests/host/verifier_corpus: $(CORPUS_OBJS)
# ... and the precision corpus, tests/verifier/precision/NAME.c ->
# build/tests/verifier/precision/NAME.o, read by the same program run as
# precision_corpus (a link to it), which prints the share accepted
PRECISION_OBJS := $(patsubst tests/verifier/precision/%.c,$(BUILD)/tests/verifier/precision/%.o,\
	$(wildcard tests/verifier/precision/*.c))
$(BUILD)/tests/verifier/precision/%.o: tests/verifier/precision/%.c $(SDK_HDRS)
	@mkdir -p $(@D)
	clang -O2 -g -target bpf -Wall -I$(TOP)/include -c -o $@ $<
$(BUILD)/tests/host/precision_corpus: $(BUILD)/tests/host/verifier_corpus $(PRECISION_OBJS)
	ln -sf verifier_corpus $@

# ---- fuzz targets (not in all): tests/fuzz/NAME_fuzz.c -> build/fuzz/NAME,
# linked with the portable folders; make fuzz-timed runs each for a while ----
FUZZ_CC := clang -std=gnu11 -g -O1 -fsanitize=fuzzer,address,undefined -I$(TOP)/include
FUZZ_LIB_SRC := $(filter-out %/platform_kernel.c,$(wildcard $(addsuffix /*.c,$(PORTABLE_DIRS))))
.PHONY: fuzz
fuzz: $(patsubst tests/fuzz/%_fuzz.c,$(BUILD)/fuzz/%,$(wildcard tests/fuzz/*_fuzz.c))
$(BUILD)/fuzz/%: tests/fuzz/%_fuzz.c $(FUZZ_LIB_SRC) $(HDRS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(LIB_INC) -o $@ $< $(FUZZ_LIB_SRC)

# The verifier's soundness fuzzer, in files tests/fuzz/verifier_fuzz.c and
# vfuzz_*.c. For libFuzzer (build/fuzz/verifier): built without warnings'
# noise, with the interpreter left out of the coverage (its branches would
# drown the verifier's) and without comparison tracing (the input is a
# sequence of choices, not magic values: a third faster, and more coverage
# in the same time). build/fuzz/verifier-run feeds the same target from a
# PRNG (vfuzz_main.c): make check's fixed seed and count
# (tests/host/verifier_fuzz.sh), and the long runs of make fuzz-long;
# -san is the same under ASan and UBSan.
VFUZZ_SRC := tests/fuzz/verifier_fuzz.c $(filter-out %/vfuzz_main.c,$(wildcard tests/fuzz/vfuzz_*.c))
VFUZZ_DEPS := $(VFUZZ_SRC) tests/fuzz/vfuzz.h $(HDRS)
$(BUILD)/fuzz/verifier: $(VFUZZ_DEPS) $(FUZZ_LIB_SRC)
	@mkdir -p $(@D)
	echo 'src:*sipdrv_runtime/interp*' > $@.ignorelist
	$(FUZZ_CC) $(WARNINGS) -fsanitize-coverage-ignorelist=$@.ignorelist \
		-fno-sanitize-coverage=trace-cmp $(LIB_INC) -o $@ $(VFUZZ_SRC) $(FUZZ_LIB_SRC)
$(BUILD)/fuzz/verifier-run: tests/fuzz/vfuzz_main.c $(VFUZZ_DEPS) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_USER) -D_GNU_SOURCE $(LIB_INC) -o $@ $< $(VFUZZ_SRC) $(LIB) $(LDLIBS_USER)
fuzz: $(BUILD)/fuzz/verifier-run

# Long runs of the verifier's fuzzer, outside make check: N programs (10 M)
# of seed SEED from program FIRST, at the lowest priority, each finding's
# input kept in build/fuzz/findings/. Program i depends only on SEED and i:
# a stopped run resumes with FIRST=, and disjoint ranges run in parallel.
N ?= 10000000
SEED ?= 1
FIRST ?= 0
.PHONY: fuzz-long
fuzz-long: $(BUILD)/fuzz/verifier-run
	nice -n 19 $< -s $(SEED) -f $(FIRST) -n $(N) -o $(BUILD)/fuzz/findings

# Time-boxed fuzzing, outside make check (whose fuzzing is a fixed seed and
# count, the same programs on every run: tests/host/check_deterministic.sh
# keeps it so): each libFuzzer target (build/fuzz/image_parse,
# build/fuzz/verifier) for FUZZ_SECONDS, at the lowest priority, growing its
# corpus in build/fuzz/corpus/NAME/; a crash's input is kept in build/fuzz/.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := $(patsubst tests/fuzz/%_fuzz.c,$(BUILD)/fuzz/%,$(wildcard tests/fuzz/*_fuzz.c))
.PHONY: fuzz-timed
fuzz-timed: $(FUZZ_TARGETS)
	@for f in $(FUZZ_TARGETS); do \
		c=$(BUILD)/fuzz/corpus/$$(basename $$f); mkdir -p $$c; \
		echo "== $$f: $(FUZZ_SECONDS) s"; \
		nice -n 19 $$f -max_total_time=$(FUZZ_SECONDS) -artifact_prefix=$(BUILD)/fuzz/ $$c \
			|| exit 1; \
	done

# The scalar domain's exhaustive tests at full width (make check runs them
# at 6 and 5 bits, with a sample at 8): every pair of tnums at 8 bits, of
# intervals at EXHAUSTIVE_RBITS bits (8 takes about 16 times as long as 7).
EXHAUSTIVE_RBITS ?= 7
EXHAUSTIVE := $(BUILD)/tests/host/tnum_exhaustive $(BUILD)/tests/host/scalar_exhaustive
$(EXHAUSTIVE): tests/host/scalar_exhaustive.h
.PHONY: check-exhaustive
check-exhaustive: $(EXHAUSTIVE)
	$(BUILD)/tests/host/tnum_exhaustive 8 8 all
	$(BUILD)/tests/host/scalar_exhaustive 8 $(EXHAUSTIVE_RBITS)

$(KSELFTEST_INC)/kselftest_harness.h:
	@if [ -z "$(KSELFTEST_TAR)" ]; then \
		echo "sipdrv: no /usr/src/linux-source-*.tar.xz (install linux-source-6.1)" >&2; exit 1; fi
	@mkdir -p $(KSELFTEST_INC)
	tar -xJf $(KSELFTEST_TAR) -C $(KSELFTEST_INC) --strip-components=4 --wildcards \
		'*/tools/testing/selftests/kselftest.h' '*/tools/testing/selftests/kselftest_harness.h'
	@touch $@

# Linux 6.1's verifier selftests (tools/testing/selftests/bpf/verifier/*.c),
# read by build/tests/host/linux_selftests: extracted from Debian's
# linux-source-6.1 with the BPF_* instruction macros (tools/include/linux/
# filter.h) and the BTF macros (test_btf.h) they use, never from the repo.
# tests.h takes the instruction sequences test_verifier.c defines for them
# (BPF_SK_LOOKUP up to its test array), then gives each file's tests an array
# of their own, named by the file.
LSEL_TAR := /usr/src/linux-source-6.1.tar.xz
LSEL_DIR := $(BUILD)/linux-selftests
$(LSEL_DIR)/tests.h:
	@if [ ! -f "$(LSEL_TAR)" ]; then \
		echo "sipdrv: no $(LSEL_TAR) (install linux-source-6.1)" >&2; exit 1; fi
	@rm -rf $(LSEL_DIR) && mkdir -p $(LSEL_DIR)
	tar -xJf $(LSEL_TAR) -C $(LSEL_DIR) --wildcards \
		--transform='s,^[^/]*/tools/testing/selftests/bpf/,,' \
		--transform='s,^[^/]*/tools/include/linux/,,' \
		'*/tools/testing/selftests/bpf/verifier/*.c' \
		'*/tools/testing/selftests/bpf/test_btf.h' '*/tools/include/linux/filter.h' \
		'*/tools/testing/selftests/bpf/test_verifier.c'
	@cd $(LSEL_DIR) && { \
		sed -n '/^\/\* BPF_SK_LOOKUP contains/,/^static struct bpf_test tests\[\]/p' \
			test_verifier.c | sed '$$d'; \
		for f in verifier/*.c; do n=$$(basename $$f .c); \
			printf 'static struct bpf_test lsel_%s[] = {\n#include "%s"\n};\n' $$n $$f; done; \
		echo 'static const struct lsel_file lsel_files[] = {'; \
		for f in verifier/*.c; do n=$$(basename $$f .c); \
			printf '\t{ "%s", lsel_%s, ARRAY_SIZE(lsel_%s) },\n' $$n $$n $$n; done; \
		echo '};'; } > tests.h.tmp && mv tests.h.tmp tests.h
$(BUILD)/tests/host/linux_selftests: $(LSEL_DIR)/tests.h
$(BUILD)/tests/host/linux_selftests: CFLAGS_TEST += -I$(LSEL_DIR)

tests: tools $(filter $(BUILD)/%,$(HOST_TESTS) $(GUEST_TESTS))

$(BUILD)/tests/%: tests/%.c $(LIB) $(HDRS) $(KSELFTEST_INC)/kselftest_harness.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_TEST) $(LIB_INC) -o $@ $< $(LIB) $(LDLIBS_USER)

# ---- the runtime's unit tests again under AddressSanitizer and UBSan:
# tests/host/NAME.c -> build/san/NAME-san, with the library compiled in ----
SAN_TESTS := xheap_test channel_test interp_checked rewrite_test verifier_corpus sip_runtime_test \
	sip_helpers_test examples_test
SAN_CFLAGS := $(CFLAGS_TEST) -O1 -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
SAN_BINS := $(patsubst %,$(BUILD)/san/%-san,$(SAN_TESTS)) $(BUILD)/san/precision_corpus-san
SAN_LIB := $(BUILD)/san/libsipdrv.a
$(BUILD)/san/obj/%.o: %.c $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(SAN_CFLAGS) $(LIB_INC) -c -o $@ $<
$(SAN_LIB): $(patsubst %.c,$(BUILD)/san/obj/%.o,$(LIB_SRC))
	rm -f $@
	ar rcs $@ $^
$(BUILD)/san/%-san: tests/host/%.c $(SAN_LIB) $(HDRS) $(KSELFTEST_INC)/kselftest_harness.h
	@mkdir -p $(@D)
	$(CC) $(SAN_CFLAGS) $(LIB_INC) -o $@ $< $(SAN_LIB) $(LDLIBS_USER)
$(BUILD)/san/precision_corpus-san: $(BUILD)/san/verifier_corpus-san $(PRECISION_OBJS)
	ln -sf verifier_corpus-san $@
tests: $(SAN_BINS)
$(BUILD)/fuzz/verifier-run-san: tests/fuzz/vfuzz_main.c $(VFUZZ_DEPS) $(SAN_LIB)
	@mkdir -p $(@D)
	$(CC) $(SAN_CFLAGS) $(LIB_INC) -o $@ $< $(VFUZZ_SRC) $(SAN_LIB) $(LDLIBS_USER)

deps:
	@$(TOP)/scripts/install-deps.sh

# The dependencies decide KVER and KDIR, so the real work runs in a fresh make.
check: deps
	@$(MAKE) --no-print-directory check-nodeps

check-nodeps: module-tests tools tests
	@start=$$(date +%s); \
	echo "== host tests"; \
	tests/run-host.sh $(BUILD)/results/host $(HOST_TESTS); \
	echo "== host tests under ASan and UBSan"; \
	tests/run-host.sh $(BUILD)/results/host-san $(SAN_BINS); \
	echo "== guest tests (QEMU, kernel $(KVER))"; \
	tests/vm/run.sh --quiet --out $(BUILD)/results/guest $(GUEST_TESTS); \
	echo "== make check took $$(( $$(date +%s) - start )) s"; \
	tests/lib/summarize.sh --brief --total $(BUILD)/results/host $(BUILD)/results/host-san \
		$(BUILD)/results/guest/share

# The kernel's checkpatch.pl (--no-tree) and sparse on the module's code.
style: kdir-check
	@scripts/style.sh

# The guest tests again, on a Linux 6.1 built with KASAN, lockdep, UBSAN,
# kmemleak and the other debug options (scripts/debug-kernel.sh; the tree is
# cached outside the repository). sipdrv.ko is rebuilt for it in place, so
# that the guest tests find it where they always do; the next make rebuilds
# it for the installed kernel.
check-debug: deps
	@$(MAKE) --no-print-directory check-debug-nodeps

check-debug-nodeps: tools tests
	@start=$$(date +%s); \
	echo "== debug kernel (scripts/debug-kernel.sh)"; \
	tree=$$(scripts/debug-kernel.sh) || exit 1; \
	echo "== sipdrv.ko for the debug kernel ($$tree)"; \
	$(MAKE) --no-print-directory module-tests KDIR=$$tree || exit 1; \
	echo "== guest tests on the debug kernel"; \
	tests/vm/run.sh --quiet --kernel $$tree/arch/x86/boot/bzImage --timeout 1500 \
		--vm-timeout 4800 --out $(BUILD)/results/guest-debug $(GUEST_TESTS); \
	echo "== make check-debug took $$(( $$(date +%s) - start )) s"; \
	tests/lib/summarize.sh --brief --total $(BUILD)/results/guest-debug/share

bench: deps
	@$(MAKE) --no-print-directory bench-nodeps

bench-nodeps: all $(BENCH_BPF) $(TCG_COUNT)
	bench/run.sh

run: deps
	@$(MAKE) --no-print-directory run-nodeps

run-nodeps: all $(TEST_DRIVERS)
	tests/vm/run.sh --console --out $(BUILD)/results/run scripts/demo.sh

# What the builds make, and nothing else: build/, and in each folder
# Kbuild compiles in (the folders of the objects Kbuild names) the objects,
# Kbuild's .cmd files and the modules' files. Not Kbuild's own clean: with
# M= the repository it deletes every *.[aios] under it, sources among them
# (tests/verifier/corpus/*.s). tests/host/make_clean.sh checks this.
KBUILD_OBJS := $(foreach w,$(filter %.o,$(shell cat $(TOP)/Kbuild)),$(if $(findstring FLAGS_,$(w)),,$(w)))
KBUILD_DIRS := $(sort $(patsubst %/,%,$(dir $(KBUILD_OBJS))))
clean:
	rm -rf $(BUILD)
	rm -f $(foreach d,$(KBUILD_DIRS),$(addprefix $(d)/,*.o .*.cmd .*.d *.ko *.mod *.mod.c *.dwo))
	rm -f Module.symvers modules.order .Module.symvers.cmd .modules.order.cmd
