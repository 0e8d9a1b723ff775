// SPDX-License-Identifier: GPL-2.0
/*
 * Segment summaries: the on-flash reverse map (include/logswap/format.h).
 */
#include "lsw_core.h"

static u32 lsw_summary_crc(const void *block)
{
	const struct lsw_summary *s = block;
	u32 crc;

	/* The crc field counts as zero: hash around it. */
	crc = crc32c(~0U, block, offsetof(struct lsw_summary, crc));
	crc = crc32c(crc, "\0\0\0\0", 4);
	crc = crc32c(crc, &s->eu, LSW_BLOCK_SIZE -
		     offsetof(struct lsw_summary, eu));
	return ~crc;
}

void lsw_summary_build(void *block, u64 seq, enum lsw_stream stream, u32 eu,
		       const u32 *owners, u32 count)
{
	struct lsw_summary *s = block;
	u32 i;

	memset(block, 0xff, LSW_BLOCK_SIZE);	/* unused owners: NONE */
	s->magic = cpu_to_le32(LSW_SUMMARY_MAGIC);
	s->version = cpu_to_le16(LSW_SUMMARY_VERSION);
	s->stream = cpu_to_le16(stream);
	s->seq = cpu_to_le64(seq);
	s->count = cpu_to_le32(count);
	s->eu = cpu_to_le32(eu);
	s->reserved = 0;
	for (i = 0; i < count; i++)
		s->owner[i] = cpu_to_le32(owners[i]);
	s->crc = cpu_to_le32(lsw_summary_crc(block));
}

int lsw_summary_parse(const void *block, u32 *count, u64 *seq)
{
	const struct lsw_summary *s = block;
	u32 n;

	if (le32_to_cpu(s->magic) != LSW_SUMMARY_MAGIC ||
	    le16_to_cpu(s->version) != LSW_SUMMARY_VERSION)
		return -EUCLEAN;
	n = le32_to_cpu(s->count);
	if (n > LSW_SUMMARY_MAX_OWNERS)
		return -EUCLEAN;
	if (le32_to_cpu(s->crc) != lsw_summary_crc(block))
		return -EBADMSG;
	*count = n;
	if (seq)
		*seq = le64_to_cpu(s->seq);
	return 0;
}
