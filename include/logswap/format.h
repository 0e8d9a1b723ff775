/* SPDX-License-Identifier: GPL-2.0 */
/*
 * logswap on-flash format and map-entry tags, shared by the driver, the
 * core engine, the userspace tools and the tests.
 *
 * Include after <linux/types.h> (kernel) or tools/lib/lsw_env.h
 * (userspace): this file uses u32/u64/__le16/__le32/__le64 and defines no
 * types of its own.
 */
#ifndef _LOGSWAP_FORMAT_H
#define _LOGSWAP_FORMAT_H

/* One slot, one block, one page: logswap works in 4 KiB units only. */
#define LSW_BLOCK_SHIFT		12
#define LSW_BLOCK_SIZE		(1U << LSW_BLOCK_SHIFT)
#define LSW_SECTORS_PER_BLOCK	(LSW_BLOCK_SIZE >> 9)

/*
 * Map entry: a u32 per slot, tag in the low 3 bits, payload above.  The tag
 * values are vswap's (mm-patches/) so both modes speak one language.
 */
#define LSW_TAG_BITS		3
#define LSW_TAG_MASK		((1U << LSW_TAG_BITS) - 1)
#define LSW_TAG_NONE		0	/* never written or freed: reads zeros */
#define LSW_TAG_PHYS		1	/* payload: physical block index */
#define LSW_TAG_ZERO		2	/* zero-filled page, nothing on flash */
#define LSW_TAG_ZSWAP		3	/* vswap only */
#define LSW_TAG_FOLIO		4	/* vswap only */
#define LSW_TAG_LOG		5	/* payload: buffer id * seg_blocks + index */

#define LSW_PAYLOAD_BITS	(32 - LSW_TAG_BITS)
#define LSW_PAYLOAD_MAX		((1U << LSW_PAYLOAD_BITS) - 1)
/* 2^29 blocks of 4 KiB: 2 TiB of backing store per device. */
#define LSW_MAX_BLOCKS		(1ULL << LSW_PAYLOAD_BITS)

static inline u32 lsw_mk(u32 tag, u32 payload)
{
	return (payload << LSW_TAG_BITS) | tag;
}

static inline u32 lsw_tag(u32 entry)
{
	return entry & LSW_TAG_MASK;
}

static inline u32 lsw_payload(u32 entry)
{
	return entry >> LSW_TAG_BITS;
}

/*
 * Segment summary: the last block of every segment.  It names the owner slot
 * of each data block before it, so the garbage collector finds owners on
 * flash and the driver keeps no reverse map in RAM.  Segments in an erase
 * unit are chained backwards: the summary at block s describes the @count
 * data blocks s - count .. s - 1, and the previous segment's summary, if
 * any, is at s - count - 1.
 */
#define LSW_SUMMARY_MAGIC	0x5357534cU	/* "LSWS" little-endian */
#define LSW_SUMMARY_VERSION	1
#define LSW_OWNER_NONE		0xffffffffU	/* padding: no owner */

struct lsw_summary {
	__le32 magic;
	__le16 version;
	__le16 stream;		/* enum lsw_stream */
	__le64 seq;		/* device-wide segment sequence number */
	__le32 count;		/* data blocks described */
	__le32 crc;		/* crc32c(~0) of the block with crc = 0 */
	__le32 eu;		/* erase unit written to */
	__le32 reserved;
	__le32 owner[];		/* owner slot of each data block */
};

#define LSW_SUMMARY_HDR		32
#define LSW_SUMMARY_MAX_OWNERS	((LSW_BLOCK_SIZE - LSW_SUMMARY_HDR) / 4)

#endif /* _LOGSWAP_FORMAT_H */
