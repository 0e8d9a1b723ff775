/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lsw_env.h - the one seam between the logswap core engine and its world:
 * the userspace half.
 *
 * drivers/block/logswap/core/ is written against the kernel's own API
 * (spinlock_t, struct mutex, cmpxchg, set_bit, crc32c, kvcalloc,
 * memchr_inv, pr_warn, WARN_ON_ONCE, ...) and includes "lsw_env.h" for it.
 * In the kernel that is drivers/block/logswap/lsw_env.h (kernel headers
 * only).  Every userspace build (unit tests, fuzzer, simulator,
 * bench-core) puts -Itools/lib before -Idrivers/block/logswap, so this
 * file shadows it and gives a faithful small implementation of the same
 * names, in the way tools/testing/vma and tools/include build mm/vma.c.
 * The core files compile unchanged in both worlds; tools/lib/lsw_user.c
 * holds what this header declares (crc32c, the warning counter, the
 * per-thread CPU numbers).  Nothing here changes what core/ does.
 *
 * The include guard differs from the kernel half's on purpose: a
 * userspace build that reached the kernel header as well would fail at
 * once instead of silently mixing the two.
 */
#ifndef _LSW_ENV_USER_H
#define _LSW_ENV_USER_H

#include <assert.h>
#include <errno.h>
#include <endian.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
typedef int64_t s64;
typedef uint16_t __le16;
typedef uint32_t __le32;
typedef uint64_t __le64;
typedef unsigned int gfp_t;

#define GFP_KERNEL	0U
#define GFP_NOIO	0U
#define PAGE_SIZE	4096UL
#define U32_MAX		((u32)~0U)
#define U64_MAX		((u64)~0ULL)

#define cpu_to_le16(x)	htole16(x)
#define cpu_to_le32(x)	htole32(x)
#define cpu_to_le64(x)	htole64(x)
#define le16_to_cpu(x)	le16toh(x)
#define le32_to_cpu(x)	le32toh(x)
#define le64_to_cpu(x)	le64toh(x)

#ifndef __always_inline
#define __always_inline	inline __attribute__((always_inline))
#endif
#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define BITS_PER_LONG	64
#define BITS_TO_LONGS(n) DIV_ROUND_UP((n), BITS_PER_LONG)
#define min(a, b)	((a) < (b) ? (a) : (b))
#define max(a, b)	((a) > (b) ? (a) : (b))
#define clamp_t(t, v, lo, hi) min_t(t, max_t(t, v, lo), hi)
#define min_t(t, a, b)	((t)(a) < (t)(b) ? (t)(a) : (t)(b))
#define swap(a, b) do { __typeof__(a) __t = (a); (a) = (b); (b) = __t; } while (0)
#define max_t(t, a, b)	((t)(a) > (t)(b) ? (t)(a) : (t)(b))

#define READ_ONCE(x)	__atomic_load_n(&(x), __ATOMIC_RELAXED)
#define WRITE_ONCE(x, v) __atomic_store_n(&(x), (v), __ATOMIC_RELAXED)
#define smp_load_acquire(p) __atomic_load_n((p), __ATOMIC_ACQUIRE)
#define smp_rmb()	__atomic_thread_fence(__ATOMIC_SEQ_CST)
#define smp_wmb()	__atomic_thread_fence(__ATOMIC_SEQ_CST)
#define smp_mb__after_atomic()	__atomic_thread_fence(__ATOMIC_SEQ_CST)
#define smp_store_release(p, v) __atomic_store_n((p), (v), __ATOMIC_RELEASE)
/* Kernel semantics: return the old value, full barrier. */
#define cmpxchg(p, o, n) ({						\
	__typeof__(*(p)) __old = (o);					\
	__atomic_compare_exchange_n((p), &__old, (n), false,		\
				    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); \
	__old; })
#define xchg(p, v)	__atomic_exchange_n((p), (v), __ATOMIC_SEQ_CST)

/* atomic64_t: the kernel's relaxed counters, usable from any context. */
typedef struct { s64 counter; } atomic64_t;
#define atomic64_set(v, i)	__atomic_store_n(&(v)->counter, (i), __ATOMIC_RELAXED)
#define atomic64_read(v)	__atomic_load_n(&(v)->counter, __ATOMIC_RELAXED)
#define atomic64_inc(v)		__atomic_fetch_add(&(v)->counter, 1, __ATOMIC_RELAXED)

/* atomic_t: the kernel's int atomics and their ordering variants. */
typedef struct { int counter; } atomic_t;
#define atomic_set(v, i)	__atomic_store_n(&(v)->counter, (i), __ATOMIC_RELAXED)
#define atomic_read(v)		__atomic_load_n(&(v)->counter, __ATOMIC_RELAXED)
#define atomic_read_acquire(v)	__atomic_load_n(&(v)->counter, __ATOMIC_ACQUIRE)
#define atomic_inc(v)		__atomic_fetch_add(&(v)->counter, 1, __ATOMIC_RELAXED)
static inline int atomic_dec_return_release(atomic_t *v)
{
	return __atomic_fetch_sub(&v->counter, 1, __ATOMIC_RELEASE) - 1;
}
#define cpu_relax()		__builtin_ia32_pause()
/*
 * lsw_wait_relax(): one turn of a short busy wait for a store that runs
 * with preemption off (the engine's ready-bit and writers waits).  In the
 * kernel that store cannot be preempted, so this is cpu_relax(); a
 * userspace thread can be, so every 64th turn gives the CPU away.
 */
static inline void lsw_wait_relax(u32 *spins)
{
	__builtin_ia32_pause();
	if (!(++*spins % 64))
		sched_yield();
}
/* A thread is a CPU: numbered in the order threads first ask. */
extern __thread int lsw_env_cpu;	/* its number + 1, 0 = not yet */
extern int lsw_env_nr_cpus;
static inline int raw_smp_processor_id(void)
{
	if (!lsw_env_cpu)
		lsw_env_cpu = __atomic_add_fetch(&lsw_env_nr_cpus, 1,
						 __ATOMIC_RELAXED);
	return lsw_env_cpu - 1;
}
#define preempt_disable()	do { } while (0)
#define preempt_enable()	do { } while (0)

static inline bool is_power_of_2(unsigned long n)
{
	return n != 0 && (n & (n - 1)) == 0;
}

static inline u64 div_u64(u64 dividend, u32 divisor)
{
	return dividend / divisor;
}

/* Logging: the kernel's names, to stderr, silenced by lsw_env_quiet. */
extern int lsw_env_quiet;
#define pr_fmt(fmt) "logswap: " fmt
#define lsw_printk(lvl, fmt, ...) do {					\
	if (!lsw_env_quiet)						\
		fprintf(stderr, lvl pr_fmt(fmt), ##__VA_ARGS__);	\
} while (0)
#define pr_err(fmt, ...)	lsw_printk("<3>", fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...)	lsw_printk("<4>", fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...)	lsw_printk("<6>", fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...)	do { } while (0)

/*
 * A WARN in userspace is a test failure: count it, and let the harness
 * decide (tests fail on any warning, exactly as the QEMU tier fails on a
 * WARNING: line in the guest console).
 */
extern unsigned long lsw_env_warnings;
#define WARN_ON_ONCE(cond) ({						\
	bool __c = !!(cond);						\
	if (unlikely(__c)) {						\
		__atomic_fetch_add(&lsw_env_warnings, 1,		\
				   __ATOMIC_RELAXED);			\
		fprintf(stderr, "WARNING: %s:%d: %s\n", __FILE__,	\
			__LINE__, #cond);				\
	}								\
	__c; })
#define WARN_ON(cond) WARN_ON_ONCE(cond)
#define might_sleep() do { } while (0)
#define cond_resched() do { } while (0)

/* Memory. */
static inline void *kvmalloc(size_t size, gfp_t gfp)
{
	(void)gfp;
	return malloc(size ? size : 1);
}

static inline void *kvzalloc(size_t size, gfp_t gfp)
{
	(void)gfp;
	return calloc(1, size ? size : 1);
}

static inline void *kvcalloc(size_t n, size_t size, gfp_t gfp)
{
	(void)gfp;
	return calloc(n ? n : 1, size ? size : 1);
}

static inline void kvfree(const void *p)
{
	free((void *)p);
}

static inline void *memchr_inv(const void *start, int c, size_t bytes)
{
	const unsigned char *p = start;
	u64 word = 0x0101010101010101ULL * (unsigned char)c, w;
	size_t i = 0;

	/* Word at a time, as lib/string.c does, then the tail. */
	for (; i + 8 <= bytes; i += 8) {
		__builtin_memcpy(&w, p + i, 8);
		if (w != word)
			break;
	}
	for (; i < bytes; i++)
		if (p[i] != (unsigned char)c)
			return (void *)(p + i);
	return NULL;
}

/* Bitmaps: same names and semantics as <linux/bitmap.h>/<linux/bitops.h>. */
#define BIT_WORD(nr)	((nr) / BITS_PER_LONG)
#define BIT_MASK(nr)	(1UL << ((nr) % BITS_PER_LONG))

static inline void set_bit(unsigned long nr, unsigned long *addr)
{
	__atomic_fetch_or(&addr[BIT_WORD(nr)], BIT_MASK(nr), __ATOMIC_RELAXED);
}

static inline void clear_bit(unsigned long nr, unsigned long *addr)
{
	__atomic_fetch_and(&addr[BIT_WORD(nr)], ~BIT_MASK(nr),
			   __ATOMIC_RELAXED);
}

static inline bool test_bit(unsigned long nr, const unsigned long *addr)
{
	return __atomic_load_n(&addr[BIT_WORD(nr)], __ATOMIC_RELAXED) &
	       BIT_MASK(nr);
}

static inline bool test_and_clear_bit(unsigned long nr, unsigned long *addr)
{
	unsigned long old = __atomic_fetch_and(&addr[BIT_WORD(nr)],
					       ~BIT_MASK(nr), __ATOMIC_SEQ_CST);
	return old & BIT_MASK(nr);
}

static inline bool test_and_set_bit(unsigned long nr, unsigned long *addr)
{
	unsigned long old = __atomic_fetch_or(&addr[BIT_WORD(nr)],
					      BIT_MASK(nr), __ATOMIC_SEQ_CST);
	return old & BIT_MASK(nr);
}

static inline void __set_bit(unsigned long nr, unsigned long *addr)
{
	addr[BIT_WORD(nr)] |= BIT_MASK(nr);
}

static inline void __clear_bit(unsigned long nr, unsigned long *addr)
{
	addr[BIT_WORD(nr)] &= ~BIT_MASK(nr);
}

static inline void bitmap_zero(unsigned long *dst, unsigned int nbits)
{
	memset(dst, 0, BITS_TO_LONGS(nbits) * sizeof(unsigned long));
}

/* find_next_bit()/find_first_bit(): <linux/find.h>'s contract. */
static inline unsigned long find_next_bit(const unsigned long *addr,
					  unsigned long size,
					  unsigned long offset)
{
	unsigned long w;

	while (offset < size) {
		w = __atomic_load_n(&addr[BIT_WORD(offset)], __ATOMIC_RELAXED) &
		    (~0UL << (offset % BITS_PER_LONG));
		if (w) {
			offset = offset - offset % BITS_PER_LONG +
				 __builtin_ctzl(w);
			return min(offset, size);
		}
		offset = offset - offset % BITS_PER_LONG + BITS_PER_LONG;
	}
	return size;
}

static inline unsigned long find_first_bit(const unsigned long *addr,
					   unsigned long size)
{
	return find_next_bit(addr, size, 0);
}

static inline unsigned long *bitmap_zalloc(unsigned int nbits, gfp_t gfp)
{
	(void)gfp;
	return calloc(BITS_TO_LONGS(nbits) ? BITS_TO_LONGS(nbits) : 1,
		      sizeof(unsigned long));
}

static inline void bitmap_free(const unsigned long *bitmap)
{
	free((void *)bitmap);
}

static inline unsigned int bitmap_weight(const unsigned long *src,
					 unsigned int nbits)
{
	unsigned int i, w = 0;

	for (i = 0; i < nbits / BITS_PER_LONG; i++)
		w += __builtin_popcountl(src[i]);
	if (nbits % BITS_PER_LONG)
		w += __builtin_popcountl(src[i] &
					 ((1UL << (nbits % BITS_PER_LONG)) - 1));
	return w;
}

/* Locks: pthread underneath, with an owner so lockdep_assert_held() works. */
struct lsw_ulock {
	pthread_mutex_t m;
	pthread_t owner;
	int held;
};

static inline void lsw_ulock_init(struct lsw_ulock *l)
{
	pthread_mutex_init(&l->m, NULL);
	l->held = 0;
}

static inline void lsw_ulock_lock(struct lsw_ulock *l)
{
	pthread_mutex_lock(&l->m);
	l->owner = pthread_self();
	l->held = 1;
}

static inline void lsw_ulock_unlock(struct lsw_ulock *l)
{
	assert(l->held && pthread_equal(l->owner, pthread_self()));
	l->held = 0;
	pthread_mutex_unlock(&l->m);
}

/*
 * spinlock_t spins, as the kernel's does (a sleeping pthread mutex made a
 * contended store path look far worse than it is).  A userspace holder
 * can be preempted, unlike a kernel one: after a while a waiter yields.
 * The owner is a per-thread address, so lockdep_assert_held() works.
 */
extern __thread char lsw_env_thread_id;

typedef struct {
	int locked;
	const char *owner;
} spinlock_t;

static inline void spin_lock_init(spinlock_t *s)
{
	s->locked = 0;
	s->owner = NULL;
}

static inline void spin_lock(spinlock_t *s)
{
	unsigned int spins = 0;

	while (__atomic_exchange_n(&s->locked, 1, __ATOMIC_ACQUIRE)) {
		while (__atomic_load_n(&s->locked, __ATOMIC_RELAXED)) {
			__builtin_ia32_pause();
			if (++spins % 1024 == 0)
				sched_yield();
		}
	}
#ifndef NDEBUG	/* no owner without assertions, like no lockdep */
	__atomic_store_n(&s->owner, &lsw_env_thread_id, __ATOMIC_RELAXED);
#endif
}

static inline void spin_unlock(spinlock_t *s)
{
#ifndef NDEBUG
	assert(__atomic_load_n(&s->owner, __ATOMIC_RELAXED) ==
	       &lsw_env_thread_id);
	__atomic_store_n(&s->owner, NULL, __ATOMIC_RELAXED);
#endif
	__atomic_store_n(&s->locked, 0, __ATOMIC_RELEASE);
}

#define lsw_spin_held(s)						\
	(__atomic_load_n(&(s)->owner, __ATOMIC_RELAXED) == &lsw_env_thread_id)

struct mutex { struct lsw_ulock l; };

#define mutex_init(s)		lsw_ulock_init(&(s)->l)
#define mutex_lock(s)		lsw_ulock_lock(&(s)->l)
#define mutex_unlock(s)		lsw_ulock_unlock(&(s)->l)
#define mutex_destroy(s)	pthread_mutex_destroy(&(s)->l.m)
static inline bool lsw_mutex_held(const struct mutex *m)
{
	return m->l.held && pthread_equal(m->l.owner, pthread_self());
}

#define lockdep_assert_held(s)						\
	assert(_Generic((s), spinlock_t *: lsw_spin_held((spinlock_t *)(s)), \
			const spinlock_t *: lsw_spin_held((spinlock_t *)(s)), \
			struct mutex *: lsw_mutex_held((struct mutex *)(s))))

/* crc32c (Castagnoli), the kernel's crc32c(seed, buf, len) contract. */
u32 crc32c(u32 crc, const void *address, unsigned int length);


#include <logswap/format.h>

#endif /* _LSW_ENV_USER_H */
