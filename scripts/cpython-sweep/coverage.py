"""What covers each observable CPython test besides the twins (which name the tests they cover on '# cpython:'
lines): a runtime test that pins the behaviour, or a documented difference. First match wins; patterns are
fnmatch patterns over 'file::Class.test'. ('test:<path>' | 'diff:<path#anchor>')."""

TM = "docs/threading-model.md"

COVERAGE = [
    # test_threading.py / lock_tests.py
    ("test_threading.py::ThreadTests.test_join_nondaemon_on_shutdown", "test:runtime/core/scheduler.test.ts"),
    ("test_threading.py::ThreadJoinOnShutdown.test_1_join_on_shutdown", "test:runtime/core/scheduler.test.ts"),
    ("test_threading.py::ThreadJoinOnShutdown.test_4_daemon_threads", "test:runtime/core/scheduler.test.ts"),
    ("test_threading.py::ThreadingExceptionTests.test_print_exception", "test:runtime/threading/thread.test.ts"),
    ("test_threading.py::ExceptHookTests.test_excepthook", "test:runtime/threading/thread.test.ts"),
    ("test_threading.py::ExceptHookTests.*", f"diff:{TM}#differences-from-cpython-and-why"),
    ("lock_tests.py::*.test_repr", f"diff:{TM}#differences-from-cpython-and-why"),
    ("lock_tests.py::*.test_locked_repr", f"diff:{TM}#differences-from-cpython-and-why"),
    # test_queue.py
    ("test_queue.py::BaseQueueTestMixin.test_shrinking_queue", "diff:docs/time-queue-logging.md#runtimequeue"),
]
