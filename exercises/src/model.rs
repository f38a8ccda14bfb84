//! The types an exercise uses when loom checks it: loom's, with the methods of std's
//! that the lessons teach, and a note of every operation made from the learner's file
//! (see `seen.rs`), so that a check can tell that loom really saw the answer work.
//!
//! Each method that touches shared state is `#[track_caller]`: the place it notes is the
//! line of the learner's code that called it, not a line in here.

use crate::seen::{self, Op};
use crate::steps::{self, What};
use std::panic::Location;
use std::sync::{LockResult, PoisonError, TryLockError, TryLockResult};

pub use loom::sync::Arc;

/// `std::sync::Mutex`, as loom models it. It is never poisoned: a panic under loom ends
/// the check.
#[derive(Debug, Default)]
pub struct Mutex<T: ?Sized>(loom::sync::Mutex<T>);

impl<T> Mutex<T> {
    /// `Mutex::new`.
    pub fn new(value: T) -> Mutex<T> {
        Mutex(loom::sync::Mutex::new(value))
    }

    /// `Mutex::into_inner`.
    pub fn into_inner(self) -> LockResult<T> {
        self.0.into_inner()
    }
}

impl<T: ?Sized> Mutex<T> {
    /// `Mutex::lock`.
    #[track_caller]
    pub fn lock(&self) -> LockResult<MutexGuard<'_, T>> {
        let at = Location::caller();
        seen::saw(Op::Lock, at);
        steps::step(at, What::Lock(self.id()));
        let guard = self.0.lock();
        steps::step(at, What::Locked(self.id()));
        self.guard(guard, at)
    }

    /// `Mutex::try_lock`.
    #[track_caller]
    pub fn try_lock(&self) -> TryLockResult<MutexGuard<'_, T>> {
        let at = Location::caller();
        seen::saw(Op::Lock, at);
        let result = self.0.try_lock();
        steps::step(at, What::TryLock(self.id(), !matches!(result, Err(TryLockError::WouldBlock))));
        match result {
            Ok(guard) => Ok(MutexGuard::new(guard, self.id(), at)),
            Err(TryLockError::WouldBlock) => Err(TryLockError::WouldBlock),
            Err(TryLockError::Poisoned(poisoned)) => Err(TryLockError::Poisoned(PoisonError::new(
                MutexGuard::new(poisoned.into_inner(), self.id(), at),
            ))),
        }
    }

    /// `Mutex::get_mut`.
    pub fn get_mut(&mut self) -> LockResult<&mut T> {
        self.0.get_mut()
    }

    /// Which lock this is, within one execution (never printed).
    fn id(&self) -> usize {
        std::ptr::from_ref(&self.0).cast::<()>() as usize
    }

    fn guard<'a>(
        &self,
        guard: LockResult<loom::sync::MutexGuard<'a, T>>,
        at: &'static Location<'static>,
    ) -> LockResult<MutexGuard<'a, T>> {
        match guard {
            Ok(guard) => Ok(MutexGuard::new(guard, self.id(), at)),
            Err(poisoned) => {
                Err(PoisonError::new(MutexGuard::new(poisoned.into_inner(), self.id(), at)))
            }
        }
    }
}

/// `std::sync::MutexGuard`, as the model has it: loom's, and a note of where it was taken,
/// so that the steps of a schedule show when the lock is let go of.
pub struct MutexGuard<'a, T: ?Sized + 'a> {
    // `None` only inside `Condvar::wait`, which hands loom's guard to loom.
    inner: Option<loom::sync::MutexGuard<'a, T>>,
    lock: usize,
    thread: loom::thread::ThreadId,
    taken: &'static Location<'static>,
}

impl<'a, T: ?Sized> MutexGuard<'a, T> {
    fn new(
        inner: loom::sync::MutexGuard<'a, T>,
        lock: usize,
        taken: &'static Location<'static>,
    ) -> Self {
        MutexGuard { inner: Some(inner), lock, thread: loom::thread::current().id(), taken }
    }

    fn inner(&self) -> &loom::sync::MutexGuard<'a, T> {
        self.inner.as_ref().expect("a guard holds loom's until Condvar::wait takes it")
    }
}

impl<T: ?Sized> std::ops::Deref for MutexGuard<'_, T> {
    type Target = T;

    fn deref(&self) -> &T {
        self.inner()
    }
}

impl<T: ?Sized> std::ops::DerefMut for MutexGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        self.inner.as_mut().expect("a guard holds loom's until Condvar::wait takes it")
    }
}

impl<T: ?Sized> Drop for MutexGuard<'_, T> {
    fn drop(&mut self) {
        if self.inner.is_some() {
            steps::step_of(self.thread, self.taken, What::Unlock(self.lock, self.taken));
        }
    }
}

impl<T: ?Sized + std::fmt::Debug> std::fmt::Debug for MutexGuard<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

impl<T: ?Sized + std::fmt::Display> std::fmt::Display for MutexGuard<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&**self, f)
    }
}

/// `std::sync::Condvar`, as loom models it. There are no timed waits: loom has no clock.
#[derive(Debug, Default)]
pub struct Condvar(loom::sync::Condvar);

impl Condvar {
    /// `Condvar::new`.
    pub fn new() -> Condvar {
        Condvar(loom::sync::Condvar::new())
    }

    /// `Condvar::wait`.
    #[track_caller]
    pub fn wait<'a, T>(&self, guard: MutexGuard<'a, T>) -> LockResult<MutexGuard<'a, T>> {
        self.wait_at(guard, Location::caller())
    }

    fn wait_at<'a, T>(
        &self,
        mut guard: MutexGuard<'a, T>,
        at: &'static Location<'static>,
    ) -> LockResult<MutexGuard<'a, T>> {
        seen::saw(Op::Wait, at);
        let (lock, cv) = (guard.lock, self.id());
        steps::step(at, What::Wait { lock, cv });
        let inner = guard.inner.take().expect("a guard holds loom's until Condvar::wait takes it");
        let woken = self.0.wait(inner);
        steps::step(at, What::Woken { lock, cv });
        match woken {
            Ok(inner) => Ok(MutexGuard::new(inner, lock, at)),
            Err(poisoned) => {
                Err(PoisonError::new(MutexGuard::new(poisoned.into_inner(), lock, at)))
            }
        }
    }

    /// `Condvar::wait_while`: waits as long as `condition` holds, as std's does.
    #[track_caller]
    pub fn wait_while<'a, T, F>(
        &self,
        mut guard: MutexGuard<'a, T>,
        mut condition: F,
    ) -> LockResult<MutexGuard<'a, T>>
    where
        F: FnMut(&mut T) -> bool,
    {
        let at = Location::caller();
        while condition(&mut *guard) {
            guard = self.wait_at(guard, at)?;
        }
        Ok(guard)
    }

    /// `Condvar::notify_one`.
    #[track_caller]
    pub fn notify_one(&self) {
        self.notify(false);
    }

    /// `Condvar::notify_all`.
    #[track_caller]
    pub fn notify_all(&self) {
        self.notify(true);
    }

    /// Both notifies, noted at the caller's line (`#[track_caller]` all the way).
    #[track_caller]
    fn notify(&self, all: bool) {
        let at = Location::caller();
        seen::saw(Op::Notify, at);
        if all {
            self.0.notify_all()
        } else {
            self.0.notify_one()
        }
        steps::step(at, What::Notify { cv: self.id(), all });
    }

    /// Which condition variable this is, within one execution (never printed).
    fn id(&self) -> usize {
        std::ptr::from_ref(self).cast::<()>() as usize
    }
}

/// `std::sync::atomic`, as loom models it.
pub mod atomic {
    use crate::seen::{self, Op};
    use crate::steps::{self, Noted, What};
    use std::panic::Location;
    pub use std::sync::atomic::Ordering;

    macro_rules! atomic {
        ($name:ident, $value:ty) => {
            #[doc = concat!("`std::sync::atomic::", stringify!($name), "`, as loom models it.")]
            #[derive(Debug, Default)]
            pub struct $name(loom::sync::atomic::$name, std::sync::atomic::AtomicBool);

            impl $name {
                /// `new`.
                pub fn new(value: $value) -> Self {
                    Self(loom::sync::atomic::$name::new(value), std::sync::atomic::AtomicBool::new(false))
                }

                /// Which atomic this is, within one execution (never printed).
                fn id(&self) -> usize {
                    std::ptr::from_ref(self).cast::<()>() as usize
                }

                /// `into_inner`.
                pub fn into_inner(self) -> $value {
                    self.0.into_inner()
                }

                /// `load`.
                #[track_caller]
                pub fn load(&self, order: Ordering) -> $value {
                    let at = Location::caller();
                    seen::saw(Op::Atomic, at);
                    valid_for(Access::Load, order);
                    let value = self.0.load(order);
                    let seq_cst = order == Ordering::SeqCst;
                    steps::step(at, What::Load(self.id(), value.noted(), seq_cst));
                    value
                }

                /// `store`.
                #[track_caller]
                pub fn store(&self, value: $value, order: Ordering) {
                    let at = Location::caller();
                    seen::saw(Op::Atomic, at);
                    valid_for(Access::Store, order);
                    self.0.store(value, order);
                    steps::step(at, What::Store(self.id(), value.noted()));
                }

                /// `swap`.
                #[track_caller]
                pub fn swap(&self, value: $value, order: Ordering) -> $value {
                    let at = Location::caller();
                    seen::saw(Op::Atomic, at);
                    let old = self.0.swap(value, order);
                    steps::step(at, What::Change(self.id(), "swap", old.noted(), value.noted()));
                    old
                }

                /// `compare_exchange`.
                #[track_caller]
                pub fn compare_exchange(
                    &self,
                    current: $value,
                    new: $value,
                    success: Ordering,
                    failure: Ordering,
                ) -> Result<$value, $value> {
                    let at = Location::caller();
                    seen::saw(Op::Atomic, at);
                    seen::saw(Op::CompareExchange, at);
                    valid_for(Access::FailedExchange, failure);
                    let result = self.0.compare_exchange(current, new, success, failure);
                    let found = match result {
                        Ok(found) | Err(found) => found,
                    };
                    steps::step(
                        at,
                        What::Exchange {
                            atomic: self.id(),
                            expected: current.noted(),
                            found: found.noted(),
                            new: new.noted(),
                        },
                    );
                    result
                }

                /// `compare_exchange_weak`. On a CPU whose compare-and-swap is a pair of
                /// instructions (load-linked, store-conditional), a weak one may fail even
                /// though it found `current`; loom's never does. So in the model the first
                /// one on each atomic, in every execution, only loads and fails: an answer
                /// must try again when that happens.
                #[track_caller]
                pub fn compare_exchange_weak(
                    &self,
                    current: $value,
                    new: $value,
                    success: Ordering,
                    failure: Ordering,
                ) -> Result<$value, $value> {
                    if self.1.swap(true, std::sync::atomic::Ordering::Relaxed) {
                        return self.compare_exchange(current, new, success, failure);
                    }
                    let at = Location::caller();
                    seen::saw(Op::Atomic, at);
                    seen::saw(Op::CompareExchange, at);
                    valid_for(Access::FailedExchange, failure);
                    let found = self.0.load(failure);
                    steps::step(
                        at,
                        What::WeakFails { atomic: self.id(), expected: current.noted(), found: found.noted() },
                    );
                    Err(found)
                }

                /// `fetch_update`.
                #[track_caller]
                pub fn fetch_update<F>(
                    &self,
                    set_order: Ordering,
                    fetch_order: Ordering,
                    mut f: F,
                ) -> Result<$value, $value>
                where
                    F: FnMut($value) -> Option<$value>,
                {
                    let at = Location::caller();
                    seen::saw(Op::Atomic, at);
                    let mut wrote = None;
                    let result = self.0.fetch_update(set_order, fetch_order, |value| {
                        wrote = steps::inside_loom(|| f(value));
                        wrote
                    });
                    let old = match result {
                        Ok(old) | Err(old) => old,
                    };
                    let wrote = if result.is_ok() { wrote.map(Noted::noted) } else { None };
                    steps::step(at, What::Update(self.id(), old.noted(), wrote));
                    result
                }

                atomic!(@fetch $value,
                    fetch_and(old, value) old & value,
                    fetch_or(old, value) old | value,
                    fetch_xor(old, value) old ^ value);
            }
        };
        ($name:ident, $value:ty, integer) => {
            atomic!($name, $value);

            impl $name {
                atomic!(@fetch $value,
                    fetch_add(old, value) old.wrapping_add(value),
                    fetch_sub(old, value) old.wrapping_sub(value),
                    fetch_max(old, value) old.max(value),
                    fetch_min(old, value) old.min(value));
            }
        };
        (@fetch $value:ty, $($method:ident($old:ident, $arg:ident) $new:expr),*) => {
            $(
                #[doc = concat!("`", stringify!($method), "`.")]
                #[track_caller]
                pub fn $method(&self, $arg: $value, order: Ordering) -> $value {
                    let at = Location::caller();
                    seen::saw(Op::Atomic, at);
                    let $old = self.0.$method($arg, order);
                    steps::step(at, What::Change(self.id(), stringify!($method), $old.noted(), ($new).noted()));
                    $old
                }
            )*
        };
    }

    /// What an atomic operation does with memory, for [`valid_for`].
    #[derive(Clone, Copy)]
    enum Access {
        Load,
        Store,
        /// A `compare_exchange` that fails only loads: its failure ordering.
        FailedExchange,
    }

    /// Stops, as std does, at an ordering the operation cannot have. With std's atomics
    /// rustc refuses these at compile time (its `invalid_atomic_ordering` lint), and std
    /// panics at run time; loom's types would accept them and mislead the learner.
    #[track_caller]
    fn valid_for(access: Access, order: Ordering) {
        let (what, wrong, right) = match (access, order) {
            (Access::Store, Ordering::Acquire | Ordering::AcqRel) => {
                ("a store", "`Acquire` or `AcqRel`", "`Relaxed`, `Release` or `SeqCst`")
            }
            (Access::Load | Access::FailedExchange, Ordering::Release | Ordering::AcqRel) => {
                let what = match access {
                    Access::Load => "a load",
                    _ => "the failure ordering of `compare_exchange`, which only loads,",
                };
                (what, "`Release` or `AcqRel`", "`Relaxed`, `Acquire` or `SeqCst`")
            }
            _ => return,
        };
        panic!(
            "{}{what} cannot be {wrong}; it takes {right}. `Release` belongs on the store \
             that publishes, `Acquire` on the load that reads it",
            crate::NO_SUCH_ORDERING
        );
    }

    /// `std::sync::atomic::fence`, as loom models it. Unlike a `SeqCst` load or store
    /// (which loom treats as `AcqRel`), a `SeqCst` fence is modelled in full.
    #[track_caller]
    pub fn fence(order: Ordering) {
        let at = Location::caller();
        seen::saw(Op::Atomic, at);
        loom::sync::atomic::fence(order);
        steps::step(at, What::Fence(order));
    }

    atomic!(AtomicBool, bool);
    atomic!(AtomicU32, u32, integer);
    atomic!(AtomicU64, u64, integer);
    atomic!(AtomicUsize, usize, integer);
    atomic!(AtomicI32, i32, integer);
    atomic!(AtomicI64, i64, integer);
}

/// `std::hint`, as loom models it: a spin loop must tell loom it spins, or loom would
/// explore it for ever.
pub mod hint {
    pub use loom::hint::spin_loop;
}

/// `std::thread`, as loom models it. There is no `sleep` (loom has no clock) and no
/// `scope` (loom 0.7 cannot model scoped threads): spawn, then `join`.
pub mod thread {
    use crate::seen::{self, Op};
    use crate::steps::{self, What};
    use std::panic::Location;
    use std::sync::atomic::{AtomicBool, Ordering};

    pub use loom::thread::{Thread, current, park, yield_now};

    /// `std::thread::JoinHandle`, as loom models it.
    pub struct JoinHandle<T> {
        inner: loom::thread::JoinHandle<T>,
        // Not a modelled atomic: loom runs one thread at a time, so this is simply true
        // once the thread's closure has returned in the schedule being explored.
        finished: std::sync::Arc<AtomicBool>,
    }

    impl<T> JoinHandle<T> {
        /// `JoinHandle::join`.
        #[track_caller]
        pub fn join(self) -> std::thread::Result<T> {
            let at = Location::caller();
            seen::saw(Op::Join, at);
            let of = self.inner.thread().id();
            steps::step(at, What::Join(of));
            let result = self.inner.join();
            steps::step(at, What::Joined(of));
            result
        }

        /// `JoinHandle::is_finished`: whether the thread's closure has returned.
        pub fn is_finished(&self) -> bool {
            self.finished.load(Ordering::SeqCst)
        }

        /// `JoinHandle::thread`.
        pub fn thread(&self) -> &Thread {
            self.inner.thread()
        }
    }

    impl<T> std::fmt::Debug for JoinHandle<T> {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.debug_struct("JoinHandle").finish_non_exhaustive()
        }
    }

    /// `std::thread::spawn`.
    #[track_caller]
    pub fn spawn<F, T>(f: F) -> JoinHandle<T>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        // `#[track_caller]` on both: the place noted is still the caller's.
        match Builder::new().spawn(f) {
            Ok(handle) => handle,
            Err(error) => unreachable!("loom's Builder::spawn never fails: {error}"),
        }
    }

    /// `std::thread::Builder`, as loom models it.
    #[derive(Debug)]
    pub struct Builder(loom::thread::Builder);

    impl Builder {
        /// `Builder::new`.
        #[allow(clippy::new_without_default)] // as std's
        pub fn new() -> Builder {
            Builder(loom::thread::Builder::new())
        }

        /// `Builder::name`.
        pub fn name(self, name: String) -> Builder {
            Builder(self.0.name(name))
        }

        /// `Builder::stack_size`.
        pub fn stack_size(self, size: usize) -> Builder {
            Builder(self.0.stack_size(size))
        }

        /// `Builder::spawn`.
        #[track_caller]
        pub fn spawn<F, T>(self, f: F) -> std::io::Result<JoinHandle<T>>
        where
            F: FnOnce() -> T + Send + 'static,
            T: Send + 'static,
        {
            let at = Location::caller();
            seen::saw(Op::Spawn, at);
            let (body, finished) = noting_the_end(f, at);
            let inner = self.0.spawn(body)?;
            steps::step(at, What::Spawn(inner.thread().id()));
            Ok(JoinHandle { inner, finished })
        }
    }

    /// `f`, and a flag set when it returns; its end is a step, shown at the line that
    /// started it (`at`).
    fn noting_the_end<F, T>(
        f: F,
        at: &'static Location<'static>,
    ) -> (impl FnOnce() -> T + Send + 'static, std::sync::Arc<AtomicBool>)
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        let finished = std::sync::Arc::new(AtomicBool::new(false));
        let flag = std::sync::Arc::clone(&finished);
        let body = move || {
            let value = f();
            flag.store(true, Ordering::SeqCst);
            steps::step(at, What::Ends);
            value
        };
        (body, finished)
    }
}

/// `std::sync::mpsc`, on loom's channel, with what loom's lacks: `recv` returns `Err` once
/// every `Sender` is gone and the channel is empty, as std's does (which is what ends
/// `for x in receiver`), and `send` returns `Err` once the receiver is gone.
pub mod mpsc {
    use crate::seen::{self, Op};
    use crate::steps::{self, What};
    use std::panic::Location;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

    pub use std::sync::mpsc::{RecvError, SendError, TryRecvError};

    // The counts are not modelled atomics: loom runs one thread at a time, so they are
    // simply right in the schedule being explored. The last `Sender` to go sends `None`,
    // which wakes a receiver waiting on an empty channel, as std's disconnection does.
    struct Ends {
        senders: AtomicUsize,
        receiver: AtomicBool,
        disconnected: AtomicBool,
    }

    /// `std::sync::mpsc::channel`.
    pub fn channel<T>() -> (Sender<T>, Receiver<T>) {
        let (sender, receiver) = loom::sync::mpsc::channel();
        let ends = std::sync::Arc::new(Ends {
            senders: AtomicUsize::new(1),
            receiver: AtomicBool::new(true),
            disconnected: AtomicBool::new(false),
        });
        (
            Sender { inner: sender, ends: std::sync::Arc::clone(&ends) },
            Receiver { inner: receiver, ends },
        )
    }

    /// `std::sync::mpsc::Sender`.
    pub struct Sender<T> {
        inner: loom::sync::mpsc::Sender<Option<T>>,
        ends: std::sync::Arc<Ends>,
    }

    impl<T> Sender<T> {
        /// `Sender::send`: `Err` gives the value back if the receiver is gone.
        #[track_caller]
        pub fn send(&self, value: T) -> Result<(), SendError<T>> {
            let at = Location::caller();
            seen::saw(Op::Send, at);
            if !self.ends.receiver.load(Ordering::SeqCst) {
                return Err(SendError(value));
            }
            let sent = self.inner.send(Some(value)).map_err(|_| SendError(value_lost()));
            steps::step(at, What::Send);
            sent
        }
    }

    /// loom's channel never refuses a value while the receiver is there, which `send`
    /// checks first; so this is never reached.
    fn value_lost<T>() -> T {
        unreachable!("loom's channel refused a value while its receiver was there")
    }

    impl<T> Clone for Sender<T> {
        fn clone(&self) -> Self {
            self.ends.senders.fetch_add(1, Ordering::SeqCst);
            Sender { inner: self.inner.clone(), ends: std::sync::Arc::clone(&self.ends) }
        }
    }

    impl<T> Drop for Sender<T> {
        fn drop(&mut self) {
            let last = self.ends.senders.fetch_sub(1, Ordering::SeqCst) == 1;
            if last && self.ends.receiver.load(Ordering::SeqCst) {
                let _ = self.inner.send(None);
            }
        }
    }

    impl<T> std::fmt::Debug for Sender<T> {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.debug_struct("Sender").finish_non_exhaustive()
        }
    }

    /// `std::sync::mpsc::Receiver`.
    pub struct Receiver<T> {
        inner: loom::sync::mpsc::Receiver<Option<T>>,
        ends: std::sync::Arc<Ends>,
    }

    impl<T> Receiver<T> {
        /// `Receiver::recv`: the next value, waiting for one; `Err` once the channel is
        /// empty and every `Sender` is gone.
        #[track_caller]
        pub fn recv(&self) -> Result<T, RecvError> {
            self.recv_at(Location::caller())
        }

        fn recv_at(&self, at: &'static Location<'static>) -> Result<T, RecvError> {
            seen::saw(Op::Recv, at);
            if self.ends.disconnected.load(Ordering::SeqCst) {
                steps::step(at, What::Received(false));
                return Err(RecvError);
            }
            steps::step(at, What::Recv);
            let received = match self.inner.recv() {
                Ok(Some(value)) => Ok(value),
                // `None` comes last, from the last `Sender`; loom's `Err` never comes.
                Ok(None) | Err(_) => {
                    self.ends.disconnected.store(true, Ordering::SeqCst);
                    Err(RecvError)
                }
            };
            steps::step(at, What::Received(received.is_ok()));
            received
        }

        /// `Receiver::try_recv`.
        #[track_caller]
        pub fn try_recv(&self) -> Result<T, TryRecvError> {
            let at = Location::caller();
            seen::saw(Op::Recv, at);
            if self.ends.disconnected.load(Ordering::SeqCst) {
                steps::step(at, What::Received(false));
                return Err(TryRecvError::Disconnected);
            }
            let received = match self.inner.try_recv() {
                Ok(Some(value)) => Ok(value),
                Ok(None) => {
                    self.ends.disconnected.store(true, Ordering::SeqCst);
                    Err(TryRecvError::Disconnected)
                }
                Err(error) => Err(error),
            };
            match received {
                Ok(_) => steps::step(at, What::Received(true)),
                Err(TryRecvError::Disconnected) => steps::step(at, What::Received(false)),
                Err(TryRecvError::Empty) => steps::step(at, What::Empty),
            }
            received
        }

        /// `Receiver::iter`: values until the channel is empty and every `Sender` gone.
        #[track_caller]
        pub fn iter(&self) -> Iter<'_, T> {
            Iter { receiver: self, location: Location::caller() }
        }
    }

    impl<T> Drop for Receiver<T> {
        fn drop(&mut self) {
            self.ends.receiver.store(false, Ordering::SeqCst);
        }
    }

    impl<T> std::fmt::Debug for Receiver<T> {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.debug_struct("Receiver").finish_non_exhaustive()
        }
    }

    /// What `Receiver::iter` returns.
    #[derive(Debug)]
    pub struct Iter<'a, T> {
        receiver: &'a Receiver<T>,
        location: &'static Location<'static>,
    }

    impl<T> Iterator for Iter<'_, T> {
        type Item = T;

        fn next(&mut self) -> Option<T> {
            self.receiver.recv_at(self.location).ok()
        }
    }

    impl<'a, T> IntoIterator for &'a Receiver<T> {
        type Item = T;
        type IntoIter = Iter<'a, T>;

        #[track_caller]
        fn into_iter(self) -> Iter<'a, T> {
            self.iter()
        }
    }

    /// What `for x in receiver` goes through.
    #[derive(Debug)]
    pub struct IntoIter<T> {
        receiver: Receiver<T>,
        location: &'static Location<'static>,
    }

    impl<T> Iterator for IntoIter<T> {
        type Item = T;

        fn next(&mut self) -> Option<T> {
            self.receiver.recv_at(self.location).ok()
        }
    }

    impl<T> IntoIterator for Receiver<T> {
        type Item = T;
        type IntoIter = IntoIter<T>;

        #[track_caller]
        fn into_iter(self) -> IntoIter<T> {
            IntoIter { receiver: self, location: Location::caller() }
        }
    }
}
