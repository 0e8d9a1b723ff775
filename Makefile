# logswap: flash-friendly, log-structured swap for Linux.
# `make test` is what CI runs (.ci/run); `make deps` installs what it needs.

BUILD    ?= build
CC       ?= gcc
# The kernel the guest boots is the one linux-headers-amd64 depends on.
KVER     ?= $(shell dpkg-query -W -f='$${Depends}' linux-headers-amd64 2>/dev/null | sed -n 's/.*linux-headers-\([0-9][^ ,]*-amd64\).*/\1/p')
KDIR     ?= /usr/src/linux-headers-$(KVER)
LSW_DIR  := drivers/block/logswap

CORE_SRCS := $(wildcard $(LSW_DIR)/core/*.c)
# Userspace builds of the core take the userspace half of the seam,
# tools/lib/lsw_env.h, never $(LSW_DIR)/lsw_env.h (the kernel half).
CORE_HDRS := $(wildcard $(LSW_DIR)/core/*.h) tools/lib/lsw_env.h include/logswap/format.h
ULIB_SRCS := tools/lib/lsw_user.c tools/lib/ramdev.c
UNIT_SRCS := $(wildcard tests/unit/*.c)

# Include order is the seam: -Itools/lib comes before -I$(LSW_DIR), so
# "lsw_env.h" (core/lsw_core.h, tests, tools) is tools/lib/lsw_env.h and
# "core/lsw_core.h" is still found under $(LSW_DIR).
INCS     := -Iinclude -Itools/lib -I$(LSW_DIR)
WARN     := -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare
SAN      := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
UCFLAGS  := -std=gnu11 -g -O1 $(WARN) $(INCS)

# Debian packages the build, the tests and the benchmarks need.
DEB_PKGS := gcc make libc6-dev valgrind cpio kmod busybox-static \
	    qemu-system-x86 qemu-utils nvme-cli fio linux-headers-amd64 \
	    python3 python3-matplotlib

.PHONY: all deps module demo test test-unit test-qemu bench-core clean sim bench-waf test-sim

all: $(BUILD)/unit/lsw_unit module

# logswap.ko, W=1.  `make module` builds in the tree against KDIR (default:
# Debian's headers of the kernel linux-headers-amd64 names; the running
# kernel has none).  `make module KERNEL=6.1|6.12|7.2` builds for that
# series under build/module/SERIES (tools/kernels/module.sh; the 6.12 and
# 7.2 trees are built from Debian's linux-source-X first) and prints where
# the module is.
SERIES := 6.1 6.12 7.2
KERNEL ?=
module: | deps
ifeq ($(KERNEL),)
	@test -d "$(KDIR)" || { echo "module: no kernel headers at '$(KDIR)'" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR)/$(LSW_DIR) W=1 modules
	@echo "module: $(KVER): $(CURDIR)/$(LSW_DIR)/logswap.ko"
else
	@case " $(SERIES) " in *" $(KERNEL) "*) ;; *) echo "module: KERNEL=$(KERNEL): one of $(SERIES)" >&2; exit 2 ;; esac
	tools/kernels/module.sh $(KERNEL)
endif

# Test kernels of the newer series (tools/kernels/pins, guest.fragment).
.PHONY: kernel-7.2 kernel-6.12 $(addprefix module-,$(SERIES))
kernel-7.2 kernel-6.12: kernel-%: | deps
	tools/kernels/build.sh $*
module-7.2 module-6.12: module-%: kernel-%
	tools/kernels/module.sh $*
module-6.1: | deps
	tools/kernels/module.sh 6.1

deps:
	@missing=$$(for p in $(DEB_PKGS); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
		echo "deps: installing $$missing"; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing >/dev/null || \
			{ echo "deps: apt-get failed for: $$missing" >&2; exit 1; }; \
	fi
	@for k in 6.12 7.2; do tools/kernels/build.sh --fetch $$k || exit 1; done

$(BUILD)/unit/lsw_unit: $(CORE_SRCS) $(CORE_HDRS) $(ULIB_SRCS) $(UNIT_SRCS) tests/unit/lsw_test.h tools/lib/ramdev.h | deps
	@mkdir -p $(@D)
	$(CC) $(UCFLAGS) $(SAN) -o $@ $(CORE_SRCS) $(ULIB_SRCS) $(UNIT_SRCS)

test-unit: $(BUILD)/unit/lsw_unit
	$(BUILD)/unit/lsw_unit

# The core benchmark: not part of `make test`.  As a production kernel
# builds the core: no lock assertions (no lockdep: -DNDEBUG), and the page
# copy a call to memcpy, as the kernel's is (so that callgrind can tell the
# copy from the rest; gcc would inline a 4 KiB copy as rep movsq).
$(BUILD)/bench/bench_core: $(CORE_SRCS) $(CORE_HDRS) $(ULIB_SRCS) tools/bench/bench_core.c | deps
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -g -O2 -DNDEBUG -fno-builtin-memcpy $(WARN) $(INCS) -o $@ $(CORE_SRCS) $(ULIB_SRCS) tools/bench/bench_core.c

bench-core: $(BUILD)/bench/bench_core
	tools/bench/bench-core.sh $(BUILD)/bench/bench_core

# Trace simulator (tools/sim/README.md) and the WAF benchmark: not a test.
SIM_SRCS := $(wildcard tools/sim/*.c)
$(BUILD)/sim/lsw_sim: $(CORE_SRCS) $(CORE_HDRS) $(ULIB_SRCS) $(SIM_SRCS) tools/sim/sim.h tools/lib/ramdev.h | deps
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -g -O2 $(WARN) $(INCS) -Itools/sim -o $@ $(CORE_SRCS) $(ULIB_SRCS) $(SIM_SRCS) -lm

sim: $(BUILD)/sim/lsw_sim

bench-waf: $(BUILD)/sim/lsw_sim
	tools/bench/bench-waf.sh $(BUILD)/sim/lsw_sim

test-sim: $(BUILD)/sim/lsw_sim
	tests/sim/run.sh $(BUILD)/sim/lsw_sim

# Kernel tiers: boot QEMU (TCG) with emulated ZNS and conventional NVMe;
# see tests/qemu/README.md.  One target a boot, so that `make -k`
# (tests/run-all.sh) runs every boot even when one fails.  BOOT_x is the
# run.sh arguments of boot x, the same on every kernel:
#   qemu-x       Debian 12's 6.1 kernel and the module of `make module`
#   qemu-S-x     the test kernel of series S (6.12, 7.2: tools/kernels/)
QEMU_RUN  := tests/qemu/run.sh
QEMU_KO   := --ko $(LSW_DIR)/logswap.ko
QEMU_1M   := --zns-size 64M --zone-size 1M --conv-size 64M
BOOT_smoke       := --suite tests/qemu/suites/smoke
BOOT_driver      := --suite tests/qemu/suites/driver --fio
BOOT_zonecap     := --suite tests/qemu/suites/zonecap --zone-size 4M --zone-cap 3M
# Hostile and wrong input (issue 7 item 2): bios, zeros, permissions; refused geometries.
BOOT_hostile     := --suite tests/qemu/suites/hostile
BOOT_hostile-geo := --suite tests/qemu/suites/hostile-geo --zns-size 4M --zone-size 4M --zone-cap 3M --conv-size 6M
# GC churn at 90% fill; the guest trace is replayed through lsw_sim (POST_churn).
BOOT_churn       := --suite tests/qemu/suites/churn $(QEMU_1M)
POST_churn        = tests/qemu/crosscheck.sh --expect "zns conv zns-swap conv-swap" --gc "zns conv" build/qemu/runs/$(1)/console.clean $(BUILD)/sim/lsw_sim
BOOT_android     := --suite tests/qemu/suites/android
# I/O error injection through QEMU's blkdebug (issue 7): write, read and erase errors.
BOOT_faults      := --suite tests/qemu/suites/faults $(QEMU_1M) --blkdebug-zns tests/qemu/suites/faults.zns.rules --blkdebug-conv tests/qemu/suites/faults.conv.rules
BOOT_faults-reset := --suite tests/qemu/suites/faults-reset $(QEMU_1M) --blkdebug-zns tests/qemu/suites/faults-reset.zns.rules --append nvme_core.max_retries=0
# Tracepoints through tracefs (issue 16 item 3): GC churn and swap on ZNS
# with a write error, a read error on conv; Debian's kernel has tracefs.
BOOT_tracepoints := --suite tests/qemu/suites/tracepoints $(QEMU_1M) --blkdebug-zns tests/qemu/suites/tracepoints.zns.rules --blkdebug-conv tests/qemu/suites/tracepoints.conv.rules
# Lifecycle under load: refusals, swapoff, NVMe reset and loss (issue 7).
BOOT_lifecycle   := --suite tests/qemu/suites/lifecycle --conv-size 256M
# Asynchronous segment writes (issue 14): namespaces throttled to 16 MB/s
# of writes, so segments queue up and several are in flight.
BOOT_segio       := --suite tests/qemu/suites/segio --fio --throttle-write 16000000 --zns-size 64M --conv-size 64M
# Device realities (issue 12): a 3 TiB sparse conventional namespace.
BOOT_realities   := --suite tests/qemu/suites/realities --mem 512M --conv-size 3T

# The boots of each kernel's tier (issue 12 item 4).
QEMU_BOOTS      := smoke driver segio zonecap hostile hostile-geo churn android faults faults-reset tracepoints lifecycle realities
QEMU_BOOTS_7.2  := smoke driver segio zonecap hostile churn android faults lifecycle realities
QEMU_BOOTS_6.12 := smoke driver segio faults android

.PHONY: test-qemu $(addprefix qemu-,$(QEMU_BOOTS))
# qemu-ctl (logswapctl and the config setup) is in tools/logswapctl/logswapctl.mk.
test-qemu: $(addprefix qemu-,$(QEMU_BOOTS)) qemu-ctl

# $(call qemu_boot_61,BOOT)
define qemu_boot_61
qemu-$(1): module $(if $(POST_$(1)),$(BUILD)/sim/lsw_sim)
	$$(QEMU_RUN) $$(BOOT_$(1)) $$(QEMU_KO) --name $(1)
	$(call POST_$(1),$(1))
endef
$(foreach b,$(QEMU_BOOTS),$(eval $(call qemu_boot_61,$(b))))

# $(call qemu_boot,SERIES,BOOT)
define qemu_boot
.PHONY: qemu-$(1)-$(2)
qemu-$(1)-$(2): module-$(1) $(if $(POST_$(2)),$(BUILD)/sim/lsw_sim)
	$$(QEMU_RUN) $$(BOOT_$(2)) --kernel $$(BUILD)/kernels/$(1)/obj/arch/x86/boot/bzImage --ko $$(BUILD)/module/$(1)/$$(LSW_DIR)/logswap.ko --name $(1)-$(2) $$(QEMU_ARGS_$(1))
	$(call POST_$(2),$(1)-$(2))
endef
$(foreach k,7.2 6.12,$(foreach b,$(QEMU_BOOTS_$(k)),$(eval $(call qemu_boot,$(k),$(b)))))

# 7.2 allocates swap tables from reclaim: a larger free reserve keeps its
# fallback allocation from failing loudly (tests/qemu/guest/init).
QEMU_ARGS_7.2 := --append MIN_FREE_KBYTES=8192

.PHONY: test-qemu-7.2 test-qemu-6.12
test-qemu-7.2: $(addprefix qemu-7.2-,$(QEMU_BOOTS_7.2))
test-qemu-6.12: $(addprefix qemu-6.12-,$(QEMU_BOOTS_6.12))

# The main job, from a fresh machine: VM with a ZNS SSD, swap on logswap.
demo: module
	tests/qemu/run.sh --suite tests/qemu/suites/demo --ko $(LSW_DIR)/logswap.ko $(LSWCTL_QEMU_BINS) --name demo
	@sed -n '/# case 1: demo/,/ok 1 - demo/p' $(BUILD)/qemu/runs/demo/console.clean | grep -av '^\[ *[0-9]'

# Kernel with the mm-patches/ series (issue 6; tests/kernel/README.md):
# `make kernel` builds build/kernel/obj/arch/x86/boot/bzImage from Debian's
# linux-source-6.1 (version pinned in mm-patches/BASE) + the series + the
# committed config fragment; `make test-kernel` boots it with logswap.ko in
# vswap mode (the `kernel` tier of `make test`).
KDEPS := linux-source-6.1 ccache bc bison flex libelf-dev libssl-dev git xz-utils \
	 dkms debian-archive-keyring
DEB_PKGS += $(KDEPS)
.PHONY: kernel kernel-check test-kernel
kernel: | deps
	tests/kernel/build.sh

# Build every patch of the series in turn (bisectability).
kernel-check: | deps
	tests/kernel/build.sh --check-each

test-kernel: kernel
	tests/kernel/test.sh

# Linux 7.2 with the mm-patches-7.2/ series (issue 13; mm-patches-7.2/README.md):
# `make kernel-7.2-backend` builds build/kernel-7.2/obj from a private git
# copy of the pristine 7.2 tree of `make deps` (build/kernels/7.2/src, never
# built in) + the series + tools/kernels/guest.fragment +
# tests/kernel-7.2/config.fragment; `make test-kernel-7.2` boots it with
# logswap.ko using the kernel's virtual tables as its slot map.  Not in
# TEST_TIERS yet.
.PHONY: kernel-7.2-backend kernel-7.2-backend-check test-kernel-7.2
kernel-7.2-backend: | deps
	tests/kernel-7.2/build.sh

kernel-7.2-backend-check: | deps
	tests/kernel-7.2/build.sh --check-each

test-kernel-7.2: kernel-7.2-backend
	tests/kernel-7.2/test.sh

# Debug kernel (issue 7): the same tree + tests/kernel/debug.fragment (KASAN,
# lockdep, DEBUG_ATOMIC_SLEEP, kmemleak) in build/kernel/obj-debug;
# `make test-debug` runs the driver's QEMU cases on it (not in `make test`:
# see tests/kernel/README.md for its run time).
.PHONY: kernel-debug test-debug
kernel-debug: | deps
	tests/kernel/build.sh debug

test-debug: kernel-debug
	tests/kernel/test.sh debug

# libFuzzer target on the core engine (issue 7; README.md, "Fuzzing the core"):
# `make fuzz FUZZ_SECONDS=N` fuzzes for N seconds; `make test-fuzz` replays
# the seeds in tests/fuzz/corpus/ and the crash regressions in
# tests/unit/corpus/, then fuzzes 60 s (the `fuzz` tier of `make test`).
# -fsanitize=fuzzer needs clang and libclang-rt-14-dev (libFuzzer runtime).
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 300
FUZZ_DEPS    := clang libclang-rt-14-dev
DEB_PKGS     += $(FUZZ_DEPS)
FUZZ_FLAGS   := -std=gnu11 -g -O1 $(WARN) $(INCS) -fno-omit-frame-pointer \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
.PHONY: fuzz test-fuzz
FUZZ_BIN     := $(BUILD)/fuzz/fuzz_core
$(FUZZ_BIN): $(CORE_SRCS) $(CORE_HDRS) $(ULIB_SRCS) tools/lib/ramdev.h tests/fuzz/fuzz_core.c | deps
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $(CORE_SRCS) $(ULIB_SRCS) tests/fuzz/fuzz_core.c

fuzz: $(FUZZ_BIN)
	tests/fuzz/run.sh $< fuzz $(FUZZ_SECONDS)

test-fuzz: $(FUZZ_BIN)
	tests/fuzz/run.sh $< test 60

# DKMS (issue 12 item 6): dkms builds the module source for every series
# and the 6.12 build swaps in a guest (tests/dkms/run.sh).
.PHONY: test-dkms
test-dkms: kernel-6.12 kernel-7.2 | deps
	tests/dkms/run.sh

TEST_TIERS ?= unit sim ctl qemu qemu-7.2 qemu-6.12 kernel dkms fuzz

test: deps
	tests/run-all.sh $(TEST_TIERS)

clean:
	rm -rf $(BUILD)
	-$(MAKE) -C $(KDIR) M=$(CURDIR)/$(LSW_DIR) clean

# Android-style app switching (tools/mempressure) and I/O benchmarks in the
# QEMU guest: JSON + PNG under bench/results/, not part of `make test`.
.PHONY: bench-android bench-io
bench-android: module
	tools/bench/bench-android.sh $(LSW_DIR)/logswap.ko

bench-io: module
	tools/bench/bench-io.sh $(LSW_DIR)/logswap.ko

include tools/logswapctl/logswapctl.mk
