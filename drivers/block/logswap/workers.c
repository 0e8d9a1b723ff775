// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel glue of the engine's background work: the flush worker (full
 * segment buffers, and partial ones for REQ_PREFLUSH/FUA), the background
 * garbage collector, and the notify callback through which the engine asks
 * for them.  The policy itself is in core/.
 *
 * All three workqueues are WQ_MEM_RECLAIM: swap-out waits for the flush
 * worker (backpressure), which may wait for GC, and swap-in may wait for a
 * read retry, all while the system reclaims memory.  The workers run with
 * memalloc_noio so that nothing they allocate recurses into swap.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/blkdev.h>
#include <linux/sched/mm.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include "lsw_dev.h"

/* Queue @work unless teardown has begun. */
static void lsw_queue(struct lsw_dev *ld, struct workqueue_struct *wq,
		      struct work_struct *work)
{
	unsigned long flags;

	spin_lock_irqsave(&ld->work_lock, flags);
	if (ld->workers_live)
		queue_work(wq, work);
	spin_unlock_irqrestore(&ld->work_lock, flags);
}

void lsw_kick_flush(struct lsw_dev *ld)
{
	lsw_queue(ld, ld->flush_wq, &ld->flush_work);
}

/*
 * The engine's notify callback.  It may be called with the engine's
 * spinlock held, from any context: only queue work or wake up here.
 */
void lsw_dev_notify(void *priv, enum lsw_event ev)
{
	struct lsw_dev *ld = priv;

	switch (ev) {
	case LSW_EV_FLUSH:
		lsw_kick_flush(ld);
		break;
	case LSW_EV_BUF_FREE:
		wake_up_all(&ld->wait);
		break;
	case LSW_EV_GC:
		lsw_queue(ld, ld->gc_wq, &ld->gc_work);
		break;
	}
}

/*
 * Publish a flush result to writers waiting for a buffer.  Only the
 * ordered flush workqueue calls this: flush_seq has one writer at a time.
 */
static void lsw_flush_result(struct lsw_dev *ld, int ret)
{
	if (ret)
		pr_err_ratelimited("%s: segment flush failed (%d)\n",
				   ld->disk->disk_name, ret);
	WRITE_ONCE(ld->flush_err, ret);
	smp_wmb();	/* flush_err before flush_seq, see lsw_store_wait */
	WRITE_ONCE(ld->flush_seq, ld->flush_seq + 1);
	wake_up_all(&ld->wait);
}

static void lsw_flush_workfn(struct work_struct *work)
{
	struct lsw_dev *ld = container_of(work, struct lsw_dev, flush_work);
	unsigned int noio = memalloc_noio_save();

	lsw_flush_result(ld, lsw_traced_flush(ld, false));
	memalloc_noio_restore(noio);
}

/*
 * Rounds of a durable flush: each submits what is buffered and waits for
 * every segment in flight.  A round leaves a buffer queued only after a
 * write error (requeued, rewritten in the next) or when no zone could be
 * opened until a completion (then the wait makes room), or for data stored
 * during the round.
 */
#define LSW_PFLUSH_ROUNDS	16

/*
 * REQ_PREFLUSH / REQ_FUA: the partial buffer too, then the device cache.
 * Segment writes are asynchronous (bdev_io.c): wait until they and any
 * rewrite are done.  The flush worker cannot run meanwhile (one ordered
 * workqueue), so this round loop does its work.
 */
static void lsw_pflush_workfn(struct work_struct *work)
{
	struct lsw_dev *ld = container_of(work, struct lsw_dev, pflush_work);
	unsigned int noio = memalloc_noio_save();
	unsigned int round = 0;
	int ret;

	do {
		ret = lsw_traced_flush(ld, true);
		lsw_flush_result(ld, ret);
		if (ret)
			break;
		wait_event(ld->seg_wait, !atomic_read(&ld->seg_inflight));
	} while (lsw_flush_pending(&ld->eng) && ++round < LSW_PFLUSH_ROUNDS);
	if (!ret && lsw_flush_pending(&ld->eng)) {
		pr_err_ratelimited("%s: flush: segments still queued after %u rounds\n",
				   ld->disk->disk_name, LSW_PFLUSH_ROUNDS);
		ret = -EIO;
	}
	if (!ret)
		ret = blkdev_issue_flush(ld->bdev);
	WRITE_ONCE(ld->pflush_ret, ret);
	memalloc_noio_restore(noio);
}

/*
 * Flush from the bio path and wait.  Waiting for segment writes must not
 * happen inside ->submit_bio (current->bio_list would hold them until we
 * return): the flush worker does it, and flush_work waits for the
 * instance queued after our data.
 */
int lsw_flush_sync(struct lsw_dev *ld)
{
	lsw_queue(ld, ld->flush_wq, &ld->pflush_work);
	flush_work(&ld->pflush_work);
	return READ_ONCE(ld->pflush_ret);
}

static void lsw_gc_workfn(struct work_struct *work)
{
	struct lsw_dev *ld = container_of(work, struct lsw_dev, gc_work);
	struct lsw_engine *e = &ld->eng;
	unsigned int noio = memalloc_noio_save();
	int ret;

	if (lsw_gc_wanted(e)) {
		ret = lsw_traced_gc(ld, lsw_gc_target(e));
		if (ret < 0)
			pr_warn_ratelimited("%s: background GC failed (%d)\n",
					    ld->disk->disk_name, ret);
	}
	memalloc_noio_restore(noio);
	/* Room may have appeared for a flush that found none. */
	if (lsw_flush_pending(e))
		lsw_kick_flush(ld);
	wake_up_all(&ld->wait);
}

int lsw_workers_init(struct lsw_dev *ld)
{
	const char *name = ld->disk->disk_name;

	ld->flush_wq = alloc_ordered_workqueue("%s_flush", WQ_MEM_RECLAIM,
					       name);
	if (!ld->flush_wq)
		goto err;
	ld->gc_wq = alloc_workqueue("%s_gc", WQ_MEM_RECLAIM | WQ_UNBOUND, 1,
				    name);
	if (!ld->gc_wq)
		goto err;
	ld->read_wq = alloc_workqueue("%s_read", WQ_MEM_RECLAIM, 0, name);
	if (!ld->read_wq)
		goto err;

	INIT_WORK(&ld->flush_work, lsw_flush_workfn);
	INIT_WORK(&ld->pflush_work, lsw_pflush_workfn);
	INIT_WORK(&ld->gc_work, lsw_gc_workfn);
	ld->flush_err = 0;
	ld->pflush_ret = 0;
	spin_lock_irq(&ld->work_lock);
	ld->workers_live = true;
	spin_unlock_irq(&ld->work_lock);
	return 0;

err:
	lsw_workers_stop(ld);
	return -ENOMEM;
}

/* Teardown: nothing is queued any more; finish what was. */
void lsw_workers_stop(struct lsw_dev *ld)
{
	spin_lock_irq(&ld->work_lock);
	ld->workers_live = false;
	spin_unlock_irq(&ld->work_lock);

	if (ld->gc_wq)
		destroy_workqueue(ld->gc_wq);
	if (ld->flush_wq)
		destroy_workqueue(ld->flush_wq);
	if (ld->read_wq)
		destroy_workqueue(ld->read_wq);
	ld->gc_wq = NULL;
	ld->flush_wq = NULL;
	ld->read_wq = NULL;
}
