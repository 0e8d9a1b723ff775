# tools/logswapctl: logswapctl, logswap-generator, their tests, `make deb`.
# Included by the top Makefile; also usable alone (debian/rules):
#   make -f tools/logswapctl/logswapctl.mk BUILD=build logswapctl
BUILD ?= build
CC    ?= gcc

LSWCTL_DIR   := tools/logswapctl
LSWCTL_OUT   := $(BUILD)/logswapctl
LSWCTL_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -Wno-unused-parameter \
		 -D_FORTIFY_SOURCE=2 $(CPPFLAGS) $(CFLAGS)
LSWCTL_COMMON := $(LSWCTL_DIR)/lsw_conf.c $(LSWCTL_DIR)/lsw_conf.h
LSWCTL_BINS  := $(LSWCTL_OUT)/logswapctl $(LSWCTL_OUT)/logswap-generator
# Static builds for the QEMU guest's /tests/bin (run.sh --bin).
LSWCTL_STATIC := $(LSWCTL_OUT)/static/logswapctl $(LSWCTL_OUT)/static/logswap-generator

.PHONY: logswapctl test-ctl qemu-ctl deb test-deb

logswapctl: $(LSWCTL_BINS) $(LSWCTL_STATIC)

$(LSWCTL_OUT)/%: $(LSWCTL_DIR)/%.c $(LSWCTL_COMMON)
	@mkdir -p $(@D)
	$(CC) $(LSWCTL_CFLAGS) $(LDFLAGS) -o $@ $< $(LSWCTL_DIR)/lsw_conf.c

$(LSWCTL_OUT)/static/%: $(LSWCTL_DIR)/%.c $(LSWCTL_COMMON)
	@mkdir -p $(@D)
	$(CC) $(LSWCTL_CFLAGS) -static -o $@ $< $(LSWCTL_DIR)/lsw_conf.c

# `make test`'s ctl tier (tests/run-all.sh, TEST_TIERS in the Makefile):
# test-ctl and test-deb.

# Host test: the generator on good and bad configs, logswapctl's usage errors.
test-ctl: $(LSWCTL_BINS)
	tests/ctl/run.sh $(LSWCTL_OUT)

# QEMU: setup from a config file, then logswapctl against live devices;
# the JSON the guest printed is checked on the host.
LSWCTL_QEMU_BINS := $(foreach b,$(LSWCTL_STATIC),--bin $(b))
qemu-ctl: module $(LSWCTL_STATIC)
	tests/qemu/run.sh --suite tests/qemu/suites/ctl --ko $(LSW_DIR)/logswap.ko \
		$(LSWCTL_QEMU_BINS) --zns-size 64M --zone-size 1M --conv-size 64M --name ctl
	tests/ctl/check-guest.sh $(BUILD)/qemu/runs/ctl/console.clean

# make demo (top Makefile) ships them too.
demo: $(LSWCTL_STATIC)

# Debian packages logswap-dkms and logswap-tools (packaging/debian).
DEB_PKGS += debhelper dh-dkms dkms dpkg-dev fakeroot
DEB_OUT := $(BUILD)/deb
deb: | deps
	tests/ctl/mkdeb.sh $(DEB_OUT)

# test-deb also builds the packaged source with dkms for the 7.2 test kernel
# and boots a guest on it (tests/qemu/suites/deb): the tree is built first
# when missing, as tests/dkms/run.sh does.
test-deb: deb $(if $(wildcard $(BUILD)/kernels/7.2/obj/Module.symvers),,kernel-7.2)
	tests/ctl/test-deb.sh $(DEB_OUT)
