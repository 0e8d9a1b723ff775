// SPDX-License-Identifier: GPL-2.0
#include "ramdev.h"

#define POISON	0x6b

static int violate(struct lsw_ramdev *d, const char *what, u64 block, u32 nr)
{
	d->violations++;
	snprintf(d->violation, sizeof(d->violation),
		 "%s (block %llu, %u blocks)", what,
		 (unsigned long long)block, nr);
	fprintf(stderr, "FLASH RULE VIOLATION: %s\n", d->violation);
	return -EIO;
}

static bool inject(u64 *counter)
{
	if (!*counter)
		return false;
	return --*counter == 0;
}

int lsw_ramdev_init(struct lsw_ramdev *d, const struct lsw_geometry *geo,
		    bool keep_data)
{
	u64 blocks = (u64)geo->nr_eus * geo->eu_stride;
	u32 i;

	memset(d, 0, sizeof(*d));
	d->geo = *geo;
	pthread_mutex_init(&d->lock, NULL);
	if (keep_data) {
		d->mem = malloc(blocks * LSW_BLOCK_SIZE);
		if (!d->mem)
			return -ENOMEM;
		memset(d->mem, POISON, blocks * LSW_BLOCK_SIZE);
	} else {
		d->summaries = calloc(blocks, sizeof(*d->summaries));
		if (!d->summaries)
			return -ENOMEM;
	}
	d->written = bitmap_zalloc(blocks, 0);
	d->wp = calloc(geo->nr_eus, sizeof(u32));
	d->finished = calloc(geo->nr_eus, sizeof(bool));
	if (!d->written || !d->wp || !d->finished)
		return -ENOMEM;
	/* Stale data everywhere: full zones, written blocks. */
	for (i = 0; i < geo->nr_eus; i++) {
		u64 b, first = (u64)i * geo->eu_stride;

		d->wp[i] = geo->eu_blocks;
		d->finished[i] = true;	/* full whatever its real capacity */
		for (b = first; b < first + geo->eu_blocks; b++)
			set_bit(b, d->written);
	}
	return 0;
}

static void drop_summaries(struct lsw_ramdev *d, u64 first, u64 nr)
{
	u64 b;

	if (!d->summaries)
		return;
	for (b = first; b < first + nr; b++) {
		free(d->summaries[b]);
		d->summaries[b] = NULL;
	}
}

void lsw_ramdev_destroy(struct lsw_ramdev *d)
{
	drop_summaries(d, 0, (u64)d->geo.nr_eus * d->geo.eu_stride);
	free(d->mem);
	free(d->summaries);
	bitmap_free(d->written);
	free(d->wp);
	free(d->finished);
	free(d->pending);
	free(d->pending_ret);
	free(d->broken);
	pthread_mutex_destroy(&d->lock);
	memset(d, 0, sizeof(*d));
}

static bool zone_open(const struct lsw_ramdev *d, u32 z)
{
	u32 cap = d->zone_cap ? d->zone_cap[z] : d->geo.eu_blocks;

	return d->wp[z] && d->wp[z] < cap && !d->finished[z];
}

static int __ram_write(void *priv, u64 block, const void *buf, u32 nr)
{
	struct lsw_ramdev *d = priv;
	u32 eu = block / d->geo.eu_stride;
	u64 off = block % d->geo.eu_stride, b;

	if (!nr || eu >= d->geo.nr_eus)
		return violate(d, "write outside the device", block, nr);
	if (off + nr > d->geo.eu_blocks)
		return violate(d, "write past the erase unit's capacity", block,
			       nr);
	if (d->geo.zoned && d->broken && d->broken[eu])
		return -EIO;	/* after a failed write: see ramdev.h */
	if (inject(&d->fail_write_in)) {
		if (d->geo.zoned && d->broken)
			d->broken[eu] = true;
		return -EIO;
	}
	if (d->geo.zoned) {
		bool was_open = zone_open(d, eu);

		if (d->finished[eu] || off != d->wp[eu]) {
			char why[96];

			snprintf(why, sizeof(why),
				 "zoned write not at the write pointer (zone %u at %u%s)",
				 eu, d->wp[eu], d->finished[eu] ? ", finished" : "");
			return violate(d, why, block, nr);
		}
		if (!was_open && d->geo.max_open &&
		    d->nr_open >= d->geo.max_open)
			return violate(d, "zoned write opens too many zones",
				       block, nr);
		d->wp[eu] += nr;
		d->nr_open += zone_open(d, eu) - was_open;
	}
	for (b = block; b < block + nr; b++)
		if (test_and_set_bit(b, d->written))
			return violate(d, "rewrite of a block before its erase",
				       b, nr);
	if (d->mem) {
		memcpy(d->mem + block * LSW_BLOCK_SIZE, buf,
		       (size_t)nr * LSW_BLOCK_SIZE);
	} else {
		/* The engine writes a segment's summary as its last block. */
		u8 *sum = malloc(LSW_BLOCK_SIZE);

		if (!sum)
			return -ENOMEM;
		memcpy(sum, (const u8 *)buf + (size_t)(nr - 1) * LSW_BLOCK_SIZE,
		       LSW_BLOCK_SIZE);
		d->summaries[block + nr - 1] = sum;
	}
	d->writes++;
	d->blocks_written += nr;
	return 0;
}

static int __ram_read(void *priv, u64 block, void *buf, u32 nr)
{
	struct lsw_ramdev *d = priv;
	u64 b;

	if (!nr || block + nr > (u64)d->geo.nr_eus * d->geo.eu_stride)
		return violate(d, "read outside the device", block, nr);
	for (b = block; b < block + nr; b++)
		if (!test_bit(b, d->written))
			return violate(d, "read of an unwritten block", b, nr);
	if (inject(&d->fail_read_in))
		return -EIO;
	if (d->mem) {
		memcpy(buf, d->mem + block * LSW_BLOCK_SIZE,
		       (size_t)nr * LSW_BLOCK_SIZE);
	} else {
		for (b = block; b < block + nr; b++) {
			u8 *dst = (u8 *)buf + (b - block) * LSW_BLOCK_SIZE;

			if (d->summaries[b])
				memcpy(dst, d->summaries[b], LSW_BLOCK_SIZE);
			else
				memset(dst, 0, LSW_BLOCK_SIZE);
		}
	}
	d->reads++;
	d->blocks_read += nr;
	return 0;
}

static int __ram_erase(void *priv, u32 eu)
{
	struct lsw_ramdev *d = priv;
	u64 b, first = (u64)eu * d->geo.eu_stride;

	if (eu >= d->geo.nr_eus)
		return violate(d, "erase outside the device", first, 0);
	if (inject(&d->fail_erase_in))
		return -EIO;
	if (d->geo.zoned) {
		d->nr_open -= zone_open(d, eu);
		d->wp[eu] = 0;
		d->finished[eu] = false;
		if (d->broken)
			d->broken[eu] = false;
	}
	for (b = first; b < first + d->geo.eu_stride; b++)
		clear_bit(b, d->written);
	drop_summaries(d, first, d->geo.eu_stride);
	if (d->mem)
		memset(d->mem + first * LSW_BLOCK_SIZE, POISON,
		       (size_t)d->geo.eu_stride * LSW_BLOCK_SIZE);
	d->erases++;
	return 0;
}

static int __ram_finish(void *priv, u32 eu)
{
	struct lsw_ramdev *d = priv;

	if (!d->geo.zoned)
		return violate(d, "finish on a conventional device", 0, 0);
	d->nr_open -= zone_open(d, eu);
	d->finished[eu] = true;
	d->finishes++;
	return 0;
}

#define RAM_LOCKED(call) ({						\
	struct lsw_ramdev *__d = priv;					\
	int __ret;							\
									\
	pthread_mutex_lock(&__d->lock);					\
	__ret = call;							\
	pthread_mutex_unlock(&__d->lock);				\
	__ret; })

static int ram_write(void *priv, u64 block, const void *buf, u32 nr)
{
	return RAM_LOCKED(__ram_write(priv, block, buf, nr));
}

static int ram_read(void *priv, u64 block, void *buf, u32 nr)
{
	return RAM_LOCKED(__ram_read(priv, block, buf, nr));
}

static int ram_erase(void *priv, u32 eu)
{
	return RAM_LOCKED(__ram_erase(priv, eu));
}

static int ram_finish(void *priv, u32 eu)
{
	return RAM_LOCKED(__ram_finish(priv, eu));
}

int lsw_ramdev_host_read(struct lsw_ramdev *d, u64 block, void *buf)
{
	int ret;

	pthread_mutex_lock(&d->lock);
	if (block < (u64)d->geo.nr_eus * d->geo.eu_stride &&
	    !test_bit(block, d->written) && d->mem) {
		memset(buf, POISON, LSW_BLOCK_SIZE);
		ret = 0;
	} else {
		ret = __ram_read(d, block, buf, 1);
	}
	pthread_mutex_unlock(&d->lock);
	return ret;
}

/* Every segment in flight sits in one of the engine's buffers. */
#define RAM_MAX_PENDING	(LSW_MAX_BUFFERS + 1)

int lsw_ramdev_set_async(struct lsw_ramdev *d, struct lsw_engine *e)
{
	d->eng = e;
	d->pending = calloc(RAM_MAX_PENDING, sizeof(*d->pending));
	d->pending_ret = calloc(RAM_MAX_PENDING, sizeof(int));
	d->broken = calloc(d->geo.nr_eus, sizeof(bool));
	return d->pending && d->pending_ret && d->broken ? 0 : -ENOMEM;
}

int lsw_ramdev_submit(void *priv, struct lsw_seg_io *io)
{
	struct lsw_ramdev *d = priv;
	int ret = 0;

	pthread_mutex_lock(&d->lock);
	if (d->nr_pending == RAM_MAX_PENDING) {
		pthread_mutex_unlock(&d->lock);
		return violate(d, "more segment writes in flight than buffers",
			       io->block, io->nr_blocks);
	}
	if (io->append && (!d->geo.zoned ||
			   io->block % d->geo.eu_stride)) {
		pthread_mutex_unlock(&d->lock);
		return violate(d, "zone append not to a zone's start",
			       io->block, io->nr_blocks);
	}
	/* Zoned, ordered: the device writes in submission order. */
	if (d->geo.zoned && !io->append)
		ret = __ram_write(d, io->block, io->data, io->nr_blocks);
	d->pending_ret[d->nr_pending] = ret;
	d->pending[d->nr_pending++] = io;
	d->submitted++;
	d->max_pending = max(d->max_pending, (u64)d->nr_pending);
	pthread_mutex_unlock(&d->lock);
	return 0;
}

u32 lsw_ramdev_pending(struct lsw_ramdev *d)
{
	u32 n;

	pthread_mutex_lock(&d->lock);
	n = d->nr_pending;
	pthread_mutex_unlock(&d->lock);
	return n;
}

void lsw_ramdev_complete(struct lsw_ramdev *d, u32 k)
{
	struct lsw_seg_io *io;
	u64 block;
	int ret;

	pthread_mutex_lock(&d->lock);
	if (k >= d->nr_pending) {
		pthread_mutex_unlock(&d->lock);
		return;
	}
	io = d->pending[k];
	ret = d->pending_ret[k];
	d->nr_pending--;
	d->pending[k] = d->pending[d->nr_pending];
	d->pending_ret[k] = d->pending_ret[d->nr_pending];
	block = io->block;
	if (io->append) {
		/* The device picks the offset: the zone's write pointer. */
		block = io->block + d->wp[io->block / d->geo.eu_stride];
		ret = __ram_write(d, block, io->data, io->nr_blocks);
	} else if (!d->geo.zoned) {
		ret = __ram_write(d, block, io->data, io->nr_blocks);
	}
	pthread_mutex_unlock(&d->lock);
	/* Unlocked: the engine may call back (finish). */
	lsw_seg_complete(d->eng, io, ret, block);
}

void lsw_ramdev_complete_all(struct lsw_ramdev *d, u64 *rng)
{
	u32 n;

	while ((n = lsw_ramdev_pending(d))) {
		*rng = *rng * 6364136223846793005ULL + 1442695040888963407ULL;
		lsw_ramdev_complete(d, (u32)((*rng >> 33) % n));
	}
}

const struct lsw_backend_ops lsw_ramdev_ops = {
	.write = ram_write,
	.read = ram_read,
	.erase = ram_erase,
	.finish = ram_finish,
};
