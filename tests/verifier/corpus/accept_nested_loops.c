// SPDX-License-Identifier: GPL-2.0
/*
 * Nested loops with constant bounds: an 8x8 matrix in private data,
 * transposed in place and multiplied by a vector.
 */
// expect: accept
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "nested-loops");

#define N 8

static u32 m[N][N];
static u32 v[N], out[N];

SIP_MSG(matrix_msg)
{
	int i, j;

	for (i = 0; i < N; i++)
		for (j = 0; j < N; j++)
			m[i][j] = msg->args[0] + i * N + j;
	for (i = 0; i < N; i++)
		for (j = i + 1; j < N; j++) {
			u32 t = m[i][j];

			m[i][j] = m[j][i];
			m[j][i] = t;
		}
	for (i = 0; i < N; i++) {
		u32 acc = 0;

		for (j = 0; j < N; j++)
			acc += m[i][j] * v[j];
		out[i] = acc;
	}
	return out[N - 1];
}
