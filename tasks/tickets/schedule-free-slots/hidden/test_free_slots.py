from datetime import datetime, timedelta

from schedule.slots import Booking, BookingBook, TimeSlot


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2024, 5, 1, hour, minute)


def span(start: datetime, end: datetime) -> TimeSlot:
    return TimeSlot(start, end)


def make_book() -> BookingBook:
    book = BookingBook()
    book.add(Booking("lunch", "Lunch", span(at(12), at(13))))
    book.add(Booking("standup", "Standup", span(at(9), at(9, 15))))
    book.add(Booking("review", "Review", span(at(15), at(16, 30))))
    return book


def test_gaps_in_chronological_order():
    book = make_book()
    assert book.free_slots(span(at(8), at(18))) == [
        span(at(8), at(9)),
        span(at(9, 15), at(12)),
        span(at(13), at(15)),
        span(at(16, 30), at(18)),
    ]


def test_bookings_are_clipped_to_the_window():
    book = make_book()
    assert book.free_slots(span(at(9, 10), at(15, 30))) == [
        span(at(9, 15), at(12)),
        span(at(13), at(15)),
    ]


def test_window_edges_touching_bookings():
    book = make_book()
    assert book.free_slots(span(at(9, 15), at(12))) == [span(at(9, 15), at(12))]
    assert book.free_slots(span(at(12), at(13))) == []


def test_empty_book_returns_whole_window():
    window = span(at(8), at(18))
    assert BookingBook().free_slots(window) == [window]


def test_min_duration_filters_short_gaps_but_keeps_exact():
    book = make_book()
    assert book.free_slots(span(at(8), at(18)), min_duration=timedelta(hours=1, minutes=30)) == [
        span(at(9, 15), at(12)),
        span(at(13), at(15)),
        span(at(16, 30), at(18)),
    ]
    assert book.free_slots(span(at(8), at(18)), timedelta(hours=2)) == [
        span(at(9, 15), at(12)),
        span(at(13), at(15)),
    ]


def test_bookings_on_other_days_are_ignored():
    book = make_book()
    book.add(Booking("tomorrow", "Offsite", TimeSlot(datetime(2024, 5, 2, 8), datetime(2024, 5, 2, 18))))
    assert book.free_slots(span(at(17), at(18))) == [span(at(17), at(18))]
