# The oracle's own: the verifier takes "lsh 32; arsh 32" as one step where
# the value already fits in 32 bits (small: r2 = 1), and as two where it
# does not (big: r2 = 2). A run that came the first way has no state of its
# own at the arsh; the states recorded there are the other path's. It
# must not be judged against them (found by make fuzz-long, on the kernel
# JIT's form of a movsx, whose lowering is this pair).
# kind: raw
# r1: 5 7 1000
	mov %r0, %r1
	mov %r2, 2
	jge %r0, 100, join
	mov %r2, 1
join:
	lsh %r0, 32
	arsh %r0, 32
	mov %r0, %r2
	exit
