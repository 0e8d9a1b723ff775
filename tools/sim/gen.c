// SPDX-License-Identifier: GPL-2.0
#include "sim.h"

int sim_gen_main(int argc, char **argv)
{
	fprintf(stderr, "lsw_sim gen: not yet\n");
	return 2;
}
