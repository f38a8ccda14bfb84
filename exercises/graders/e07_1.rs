//! Two locks, one order
//!
//! Proves, over every schedule with at most three preemptions, of two opposite
//! transfers and an auditor: nobody waits forever, the auditor always counts 100, and
//! the balances end at 55 and 45.
//!
//! Hint: pick the order by id, not by direction:
//! `let (first, second) = if from.id < to.id { (from, to) } else { (to, from) };`, lock
//! `first`, then `second`, and then move the money between the right guards. Releasing
//! the first lock before taking the second also ends the deadlock, but then the auditor
//! can catch the money in flight.

#[path = "../07-patterns/1-two-locks.rs"]
mod answer;

use answer::Account;
use exercises::sync::{Arc, Mutex, thread};

use exercises::check::Op;

#[test]
fn opposite_transfers_never_deadlock_and_money_never_vanishes() {
    // What each thread is, in the steps of a schedule that fails.
    exercises::check::threads(&["the auditor", "the transfer there", "the transfer back"]);
    exercises::check::every_schedule(&[&[Op::Lock]], || {
        let account = |id, balance| Account { id, balance: Mutex::new(balance) };
        let accounts = Arc::new((account(1, 60), account(2, 40)));
        let there = {
            let accounts = Arc::clone(&accounts);
            thread::spawn(move || answer::transfer(&accounts.0, &accounts.1, 10))
        };
        let back = {
            let accounts = Arc::clone(&accounts);
            thread::spawn(move || answer::transfer(&accounts.1, &accounts.0, 5))
        };
        // The auditor takes the locks in id order, as a correct transfer does.
        let total = {
            let a = accounts.0.balance.lock().expect("no panic while holding it");
            let b = accounts.1.balance.lock().expect("no panic while holding it");
            *a + *b
        };
        assert_eq!(total, 100, "the auditor counted {total}: it saw money in flight");
        there.join().expect("transfer does not panic");
        back.join().expect("transfer does not panic");
        let balances = (
            *accounts.0.balance.lock().expect("no panic while holding it"),
            *accounts.1.balance.lock().expect("no panic while holding it"),
        );
        assert_eq!(
            balances,
            (55, 45),
            "10 went from 1 to 2 and 5 back, but the balances are {balances:?}"
        );
    });
}
