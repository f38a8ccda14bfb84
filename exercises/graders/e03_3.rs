//! A mailbox with a `Condvar`
//!
//! Proves, over every schedule with at most three preemptions, of one producer and two
//! consumers: each consumer gets an item, and nobody waits forever.
//!
//! Hint: `put` wakes a consumer before the item is in the mailbox. If the consumer looks,
//! finds nothing and only then waits, that wake-up is gone, and nobody sends another:
//! change the state first, then notify. In `take`, a woken consumer may find the mailbox
//! empty again (the other consumer came first): wait in a `while` loop that checks again.

#[path = "../03-safety/3-a-mailbox.rs"]
mod answer;

use exercises::sync::{Arc, thread};

use exercises::check::Op;

#[test]
fn every_item_reaches_a_consumer_in_every_schedule() {
    // What each thread is, in the steps of a schedule that fails.
    exercises::check::threads(&["the producer", "a consumer", "a consumer"]);
    exercises::check::every_schedule(&[&[Op::Lock], &[Op::Notify]], || {
        let mailbox = Arc::new(answer::Mailbox::new());
        let consumers: Vec<_> = (0..2)
            .map(|_| {
                let mailbox = Arc::clone(&mailbox);
                thread::spawn(move || mailbox.take())
            })
            .collect();
        mailbox.put(1);
        mailbox.put(2);
        let mut got: Vec<u32> =
            consumers.into_iter().map(|c| c.join().expect("see the message above")).collect();
        got.sort();
        assert_eq!(got, [1, 2], "the consumers got {got:?}");
    });
}
