"""Templates compile one at a time (CPython 3.11's AST constructor fails
when two threads compile at once; see hardening/compilelock.py)."""

from chameleon import loader
from chameleon.template import BaseTemplate
from chameleon.zpt.template import PageTemplate
import integrationsportal  # noqa: F401 - applies the lock
import threading


def test_compiling_waits_for_the_other_thread():
    assert getattr(BaseTemplate._cook, "_integrationsportal_serialized", False)
    done = threading.Event()

    def compile_one():
        PageTemplate('<p tal:content="python: 6 * 7">x</p>').cook_check()
        done.set()

    loader.acquire_lock()  # another thread is compiling
    try:
        worker = threading.Thread(target=compile_one)
        worker.start()
        assert not done.wait(0.5), "compiled while another compilation ran"
    finally:
        loader.release_lock()
    assert done.wait(10)
    worker.join()


def test_many_threads_compile_many_templates_without_error():
    errors = []

    def compile_all(number):
        for index in range(40):
            body = (
                f'<div tal:define="a python: [{number}, {index}]">'
                '<span tal:repeat="x a" tal:content="python: x * 2 + len(a)" />'
                "</div>"
            )
            try:
                PageTemplate(body).cook_check()
            except Exception as error:  # pragma: no cover - the failure
                errors.append(repr(error))

    threads = [threading.Thread(target=compile_all, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
