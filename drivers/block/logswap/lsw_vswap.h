/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vswap mode: on a kernel with the mm-patches/ series (include/linux/vswap.h,
 * detected by the Kbuild compat probe as LSW_HAVE_VSWAP), a device registers
 * as the swap backend of its disk and the kernel's virtual swap table is
 * the engine's slot map (no per-slot array).  Elsewhere these are no-ops
 * and the engine keeps its own map.
 */
#ifndef _LSW_VSWAP_H
#define _LSW_VSWAP_H

struct lsw_dev;
struct lsw_map_ops;
struct seq_file;

#ifdef LSW_HAVE_VSWAP
const struct lsw_map_ops *lsw_vswap_register(struct lsw_dev *ld, void **arg);
void lsw_vswap_unregister(struct lsw_dev *ld);
int lsw_vswap_attach(struct lsw_dev *ld);
void lsw_vswap_detach(struct lsw_dev *ld);
void lsw_vswap_show(struct seq_file *m, struct lsw_dev *ld);
#else
static inline const struct lsw_map_ops *lsw_vswap_register(struct lsw_dev *ld,
							   void **arg)
{
	*arg = NULL;
	return NULL;
}

static inline void lsw_vswap_unregister(struct lsw_dev *ld)
{
}

static inline int lsw_vswap_attach(struct lsw_dev *ld)
{
	return 0;
}

static inline void lsw_vswap_detach(struct lsw_dev *ld)
{
}

static inline void lsw_vswap_show(struct seq_file *m, struct lsw_dev *ld)
{
}
#endif

#endif /* _LSW_VSWAP_H */
