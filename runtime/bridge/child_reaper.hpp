#pragma once
// A runtime the link started is the starter's child for as long as it runs, which is usually
// longer than the link object. In a long-lived starter (the wizard, which starts and stops the
// runtime many times) each runtime that exits would stay a zombie until the wizard exits.
// reap_when_it_exits hands the child to a thread of its own that waits for exactly that pid,
// so nothing else in the process (subprocesses waited by pid) is disturbed.

#include <sys/types.h>

namespace postern::bridge {

/// Waits for `child` to exit on a detached thread and discards its status. When no thread can
/// be made, the child stays unreaped, as before: a zombie costs a process slot, not a failure.
void reap_when_it_exits(pid_t child);

}  // namespace postern::bridge
