// SPDX-License-Identifier: GPL-2.0
/*
 * Userspace side of the lsw_env.h seam (tools/lib/lsw_env.h, which shadows
 * drivers/block/logswap/lsw_env.h in userspace builds): what the kernel
 * gives the core engine for free (crc32c) and the hooks the tests read
 * (warnings).
 */
#include "lsw_env.h"

int lsw_env_quiet;
unsigned long lsw_env_warnings;

__thread char lsw_env_thread_id;
__thread int lsw_env_cpu;
int lsw_env_nr_cpus;

/* crc32c, reflected Castagnoli polynomial, as lib/crc32.c computes it. */
static u32 crc32c_table(u32 crc, const u8 *p, unsigned int length)
{
	static u32 table[256];
	static int ready;
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

#if defined(__x86_64__)
/* The SSE4.2 instruction, as the kernel's crc32c-intel uses it. */
__attribute__((target("sse4.2")))
static u32 crc32c_hw(u32 crc, const u8 *p, unsigned int length)
{
	u64 c = crc, w;

	for (; length >= 8; length -= 8, p += 8) {
		__builtin_memcpy(&w, p, 8);
		c = __builtin_ia32_crc32di(c, w);
	}
	crc = (u32)c;
	while (length--)
		crc = __builtin_ia32_crc32qi(crc, *p++);
	return crc;
}
#endif

u32 crc32c(u32 crc, const void *address, unsigned int length)
{
#if defined(__x86_64__)
	if (__builtin_cpu_supports("sse4.2"))
		return crc32c_hw(crc, address, length);
#endif
	return crc32c_table(crc, address, length);
}
