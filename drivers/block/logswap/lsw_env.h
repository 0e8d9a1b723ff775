/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lsw_env.h - the one seam between the logswap core engine and its world:
 * the kernel half.
 *
 * The files under core/ include "lsw_env.h" and nothing else from outside
 * core/ except <logswap/format.h>.  They are written against the kernel's
 * own API (spinlock_t, struct mutex, cmpxchg, set_bit, crc32c, kvcalloc,
 * memchr_inv, pr_warn, WARN_ON_ONCE, ...), which this header gives them
 * from the kernel's headers and nothing else.
 *
 * Userspace builds (unit tests, fuzzer, simulator, bench-core) never see
 * this file: tools/lib/lsw_env.h, a faithful small implementation of the
 * same names, shadows it there through include order (-Itools/lib before
 * -Idrivers/block/logswap), in the way tools/testing/vma builds mm/vma.c.
 * Nothing in either half changes what core/ does.
 */
#ifndef _LSW_ENV_H
#define _LSW_ENV_H

#ifndef pr_fmt
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#endif

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/bitmap.h>
#include <linux/bitops.h>
#include <linux/bug.h>
#include <linux/crc32c.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/lockdep.h>
#include <linux/log2.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <asm/byteorder.h>

/*
 * lsw_wait_relax(): one turn of a short busy wait for a store that runs
 * with preemption off (the engine's ready-bit and writers waits).  In the
 * kernel that store cannot be preempted, so this is cpu_relax() (the
 * userspace half yields now and then: a thread can be preempted).
 */
static inline void lsw_wait_relax(u32 *spins)
{
	cpu_relax();
}

#include <logswap/format.h>

#endif /* _LSW_ENV_H */
