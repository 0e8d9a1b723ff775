// SPDX-License-Identifier: GPL-2.0
/*
 * Userspace side of the lsw_env.h seam: what the kernel gives the core
 * engine for free (crc32c) and the hooks the tests read (warnings).
 */
#include "lsw_env.h"

int lsw_env_quiet;
unsigned long lsw_env_warnings;

/* crc32c, reflected Castagnoli polynomial, as lib/crc32.c computes it. */
u32 crc32c(u32 crc, const void *address, unsigned int length)
{
	static u32 table[256];
	static int ready;
	const u8 *p = address;
	u32 i, j;

	if (!__atomic_load_n(&ready, __ATOMIC_ACQUIRE)) {
		for (i = 0; i < 256; i++) {
			u32 c = i;

			for (j = 0; j < 8; j++)
				c = (c >> 1) ^ (c & 1 ? 0x82f63b78U : 0);
			table[i] = c;
		}
		__atomic_store_n(&ready, 1, __ATOMIC_RELEASE);
	}
	while (length--)
		crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return crc;
}
