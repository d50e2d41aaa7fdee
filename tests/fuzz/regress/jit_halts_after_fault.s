# Issue 16, class 1, under the JIT: native code runs on after a helper
# stopped the SIP, and every later helper returns 0, so a size checked
# before reads 0 after. With SIP_RW_HALT_CHECK the rewritten code tests the
# halt word after the call and returns: no instruction of the driver's
# runs after the fault (the fuzzer's JIT form checks each one).
# kind: msg
# data: 64
# slots: 1
# channels: 1
# run: tag=0 block=64 lent=0 abort=3
# run: tag=0 block=64 lent=1 take_back=3
	mov %r6, %r1
	mov %r1, %r6
	call 5			# sip_msg_block (helper call 1)
	mov %r7, %r0
	jeq %r7, 0, out
	mov %r1, %r7
	call 3			# sip_block_size: 64 (call 2)
	jlt %r0, 64, done
	mov %r1, %r7
	call 3			# the SIP is stopped here, as by a contract violation (call 3)
	jge %r0, 64, done
	stb [%r7+63], 1		# the driver's code: must not run after the fault
done:
	mov %r1, %r7
	call 2			# sip_block_free
out:
	mov %r0, 0
	exit
