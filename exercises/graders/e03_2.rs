//! A semaphore
//!
//! Proves, over every schedule with at most three preemptions, of three threads sharing
//! one permit: never two inside at once, and nobody waits forever.
//!
//! Hint: `let mut free = self.free.lock().expect(...);` then
//! `while *free == 0 { free = self.given_back.wait(free).expect(...); }` and `*free -= 1;`.
//! A `while`, not an `if`: when you wake up, another thread may have taken the permit
//! first. `release` is `*self.free.lock().expect(...) += 1;` and then
//! `self.given_back.notify_one();`.

#[path = "../03-safety/2-a-semaphore.rs"]
mod answer;

use exercises::sync::{Arc, Mutex, thread};

use exercises::check::Op;

#[test]
fn one_permit_lets_one_thread_in_at_a_time() {
    // What each thread is, in the steps of a schedule that fails.
    exercises::check::threads(&["a visitor", "a visitor", "a visitor"]);
    exercises::check::every_schedule(&[&[Op::Lock], &[Op::Notify]], || {
        let gate = Arc::new(answer::Semaphore::new(1));
        let inside = Arc::new(Mutex::new(0));
        let visit = {
            let (gate, inside) = (Arc::clone(&gate), Arc::clone(&inside));
            move || {
                gate.acquire();
                let now = {
                    let mut inside = inside.lock().expect("no panic while holding it");
                    *inside += 1;
                    *inside
                };
                assert!(now <= 1, "{now} threads were inside at once, with one permit");
                *inside.lock().expect("no panic while holding it") -= 1;
                gate.release();
            }
        };
        let threads: Vec<_> = (0..2).map(|_| thread::spawn(visit.clone())).collect();
        visit();
        for thread in threads {
            thread.join().expect("see the message above");
        }
    });
}
