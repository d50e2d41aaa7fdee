# Issue 16, class 1: a lent block taken back by its lender inside the run
# reads as size 0 from then on, but the verifier keeps the size it proved
# before: the second "if (size < 64)" below is judged impossible and the
# code behind it is never verified. Found by the state-embedding oracle:
# r0 was 0 after the third helper call, outside the verifier's [64, 2^30].
# Refused since every sip_block_size() call returns a new number.
# kind: msg
# data: 64
# slots: 1
# channels: 1
# run: tag=0 block=64 lent=1 take_back=3
# run: tag=0 block=64 lent=0
	mov %r6, %r1
	mov %r1, %r6
	call 5			# sip_msg_block (helper call 1)
	mov %r7, %r0
	jeq %r7, 0, out
	mov %r1, %r7
	call 3			# sip_block_size: 64 (call 2)
	jlt %r0, 64, done
	mov %r1, %r7
	call 3			# the lender took it back before this call: 0 (call 3)
	jge %r0, 64, done
	stb [%r7+4096], 1	# never verified
done:
	mov %r1, %r7
	call 2			# sip_block_free: of a taken-back block, does nothing
out:
	mov %r0, 0
	exit
