//! Paging through results: a [`Paginator`] is a stream of pages, [`Items`] a stream of the
//! items in them. Generated fluent builders of paginated operations return them from
//! `into_paginator()`.
//!
//! The page token is whatever the model's `smithy.api#paginated` trait names: usually a string
//! (`NextToken`), sometimes a map (DynamoDB's `LastEvaluatedKey`, a map of attribute values).
//! Its Rust type is the paginator's `T`, so the token handed back to the service is exactly the
//! one it sent.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::fmt;
use std::future::Future;
use std::hash::{BuildHasher, Hash};
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

use crate::error::Error;

/// One page request in flight.
type PageFuture<O, E> = Pin<Box<dyn Future<Output = Result<O, Error<E>>> + Send>>;

/// Sends one page request; `None` means "the first page, as the caller configured it".
type Fetch<O, E, T> = Box<dyn FnMut(Option<T>) -> PageFuture<O, E> + Send>;

/// A value that can continue a paginated operation: the type of the model's `inputToken` and
/// `outputToken` members.
///
/// Paging ends after a page whose token is absent or [empty](Self::ends_paging), and after a
/// page that repeats the token just sent (a service bug that would otherwise loop forever).
pub trait PageToken: Clone + PartialEq + Send + 'static {
    /// Whether this token says there are no more pages: an empty string, map or list.
    fn ends_paging(&self) -> bool;
}

impl PageToken for String {
    fn ends_paging(&self) -> bool {
        self.is_empty()
    }
}

impl<K, V, S> PageToken for HashMap<K, V, S>
where
    K: Eq + Hash + Clone + Send + 'static,
    V: PartialEq + Clone + Send + 'static,
    S: BuildHasher + Clone + Send + 'static,
{
    fn ends_paging(&self) -> bool {
        self.is_empty()
    }
}

impl<K, V> PageToken for BTreeMap<K, V>
where
    K: Ord + Clone + Send + 'static,
    V: PartialEq + Clone + Send + 'static,
{
    fn ends_paging(&self) -> bool {
        self.is_empty()
    }
}

impl<T: PartialEq + Clone + Send + 'static> PageToken for Vec<T> {
    fn ends_paging(&self) -> bool {
        self.is_empty()
    }
}

enum State<O, E, T> {
    Start,
    Fetching(PageFuture<O, E>),
    Next(T),
    Done,
}

/// A stream of pages (`Result<Output, Error<E>>`), ending after the page without a next token
/// (absent or empty, see [`PageToken`]) or after the first error. Use it as a [`Stream`], or
/// call [`next`](Self::next). `T` is the token's type.
pub struct Paginator<O, E, T = String> {
    fetch: Fetch<O, E, T>,
    next_token: fn(&O) -> Option<T>,
    previous_token: Option<T>,
    state: State<O, E, T>,
}

impl<O, E, T> fmt::Debug for Paginator<O, E, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Tokens may encode data (DynamoDB keys): never printed.
        f.debug_struct("Paginator")
            .field("previous_token", &self.previous_token.as_ref().map(|_| "…"))
            .finish_non_exhaustive()
    }
}

impl<O: Send + 'static, E: Send + 'static, T: PageToken> Paginator<O, E, T> {
    /// A paginator calling `fetch` per page and reading the next token with `next_token`.
    #[doc(hidden)]
    pub fn new(
        fetch: impl FnMut(Option<T>) -> PageFuture<O, E> + Send + 'static,
        next_token: fn(&O) -> Option<T>,
    ) -> Self {
        Self {
            fetch: Box::new(fetch),
            next_token,
            previous_token: None,
            state: State::Start,
        }
    }

    /// The next page, or `None` after the last one.
    pub async fn next(&mut self) -> Option<Result<O, Error<E>>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// The items of every page, one at a time; `items` takes them out of a page.
    #[doc(hidden)]
    pub fn items<I>(self, items: fn(O) -> Vec<I>) -> Items<O, E, I, T> {
        Items {
            pages: self,
            items,
            buffer: VecDeque::new(),
        }
    }
}

impl<O, E, T> Unpin for Paginator<O, E, T> {}

impl<O, E, T: PageToken> Stream for Paginator<O, E, T> {
    type Item = Result<O, Error<E>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            match std::mem::replace(&mut this.state, State::Done) {
                State::Start => this.state = State::Fetching((this.fetch)(None)),
                State::Next(token) => {
                    this.state = State::Fetching((this.fetch)(Some(token.clone())));
                    this.previous_token = Some(token);
                }
                State::Done => return Poll::Ready(None),
                State::Fetching(mut future) => match future.as_mut().poll(cx) {
                    Poll::Pending => {
                        this.state = State::Fetching(future);
                        return Poll::Pending;
                    }
                    Poll::Ready(Err(error)) => return Poll::Ready(Some(Err(error))),
                    Poll::Ready(Ok(page)) => {
                        // Stop on a missing or empty token, and on a repeated one (a service
                        // bug that would otherwise loop forever).
                        this.state = match (this.next_token)(&page) {
                            Some(token)
                                if !token.ends_paging()
                                    && this.previous_token.as_ref() != Some(&token) =>
                            {
                                State::Next(token)
                            }
                            _ => State::Done,
                        };
                        return Poll::Ready(Some(Ok(page)));
                    }
                },
            }
        }
    }
}

/// A stream of the items of every page, in order (`Result<Item, Error<E>>`); `T` is the
/// page token's type.
pub struct Items<O, E, I, T = String> {
    pages: Paginator<O, E, T>,
    items: fn(O) -> Vec<I>,
    buffer: VecDeque<I>,
}

impl<O, E, I, T> fmt::Debug for Items<O, E, I, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items")
            .field("buffered", &self.buffer.len())
            .finish_non_exhaustive()
    }
}

impl<O, E, I, T: PageToken> Items<O, E, I, T> {
    /// The next item, or `None` after the last one.
    pub async fn next(&mut self) -> Option<Result<I, Error<E>>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }
}

impl<O, E, I, T> Unpin for Items<O, E, I, T> {}

impl<O, E, I, T: PageToken> Stream for Items<O, E, I, T> {
    type Item = Result<I, Error<E>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            if let Some(item) = this.buffer.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            match Pin::new(&mut this.pages).poll_next(cx) {
                Poll::Ready(Some(Ok(page))) => this.buffer.extend((this.items)(page)),
                Poll::Ready(Some(Err(error))) => return Poll::Ready(Some(Err(error))),
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Unhandled;
    use std::sync::{Arc, Mutex};

    /// Pages `[1, 2]`, `[3]` and `[]`, linked by tokens "a" and "b"; records the tokens sent.
    fn pages(
        calls: Arc<Mutex<Vec<Option<String>>>>,
    ) -> Paginator<(Vec<i32>, Option<String>), Unhandled> {
        Paginator::new(
            move |token| {
                calls.lock().unwrap().push(token.clone());
                let page = match token.as_deref() {
                    None => (vec![1, 2], Some("a".to_owned())),
                    Some("a") => (vec![3], Some("b".to_owned())),
                    _ => (vec![], None),
                };
                Box::pin(async move { Ok(page) })
            },
            |page| page.1.clone(),
        )
    }

    #[tokio::test]
    async fn pages_follow_tokens_until_none() {
        let calls = Arc::new(Mutex::new(Vec::new()));
        let mut paginator = pages(calls.clone());
        let mut count = 0;
        while let Some(page) = paginator.next().await {
            page.unwrap();
            count += 1;
        }
        assert_eq!(count, 3);
        assert_eq!(
            *calls.lock().unwrap(),
            [None, Some("a".into()), Some("b".into())]
        );
    }

    #[tokio::test]
    async fn items_flatten_pages() {
        let mut items = pages(Arc::default()).items(|page| page.0);
        let mut all = Vec::new();
        while let Some(item) = items.next().await {
            all.push(item.unwrap());
        }
        assert_eq!(all, [1, 2, 3]);
    }

    #[tokio::test]
    async fn a_repeated_token_ends_the_stream() {
        let mut paginator: Paginator<Option<String>, Unhandled> = Paginator::new(
            |_| Box::pin(async { Ok(Some("same".to_owned())) }),
            Clone::clone,
        );
        assert!(paginator.next().await.is_some());
        assert!(paginator.next().await.is_some());
        assert!(paginator.next().await.is_none());
    }

    /// A page of DynamoDB-like map tokens: each page's token is the key of its last item.
    type KeyPage = (Vec<u32>, Option<HashMap<String, u32>>);

    /// The tokens a paginator sent, in order (`None` for the first page).
    type SentTokens = Arc<Mutex<Vec<Option<HashMap<String, u32>>>>>;

    /// Pages of `[1, 2]`, `[3, 4]`, `[5]` linked by map tokens `{"id": last}`; the last page
    /// ends with `last_token` (absent, or an empty map). Records the tokens sent.
    fn keyed_pages(
        calls: SentTokens,
        last_token: Option<HashMap<String, u32>>,
    ) -> Paginator<KeyPage, Unhandled, HashMap<String, u32>> {
        Paginator::new(
            move |token: Option<HashMap<String, u32>>| {
                calls.lock().unwrap().push(token.clone());
                let after = token.and_then(|key| key.get("id").copied()).unwrap_or(0);
                let items: Vec<u32> = (after + 1..=5).take(2).collect();
                let next = match items.last() {
                    Some(&last) if last < 5 => Some(HashMap::from([("id".to_owned(), last)])),
                    _ => last_token.clone(),
                };
                Box::pin(async move { Ok((items, next)) })
            },
            |page| page.1.clone(),
        )
    }

    #[tokio::test]
    async fn map_tokens_are_sent_back_until_absent() {
        let calls = Arc::new(Mutex::new(Vec::new()));
        let mut items = keyed_pages(calls.clone(), None).items(|page| page.0);
        let mut all = Vec::new();
        while let Some(item) = items.next().await {
            all.push(item.unwrap());
        }
        assert_eq!(all, [1, 2, 3, 4, 5]);
        let key = |id: u32| Some(HashMap::from([("id".to_owned(), id)]));
        assert_eq!(*calls.lock().unwrap(), [None, key(2), key(4)]);
    }

    #[tokio::test]
    async fn an_empty_map_token_ends_the_stream() {
        let calls = Arc::new(Mutex::new(Vec::new()));
        let mut pages = keyed_pages(calls.clone(), Some(HashMap::new()));
        let mut count = 0;
        while let Some(page) = pages.next().await {
            page.unwrap();
            count += 1;
        }
        assert_eq!(count, 3);
        assert_eq!(calls.lock().unwrap().len(), 3);
    }

    #[tokio::test]
    async fn an_empty_string_or_list_token_ends_the_stream() {
        let mut strings: Paginator<Option<String>, Unhandled> = Paginator::new(
            |_| Box::pin(async { Ok(Some(String::new())) }),
            Clone::clone,
        );
        assert!(strings.next().await.is_some());
        assert!(strings.next().await.is_none());
        let mut lists: Paginator<Option<Vec<u8>>, Unhandled, Vec<u8>> =
            Paginator::new(|_| Box::pin(async { Ok(Some(Vec::new())) }), Clone::clone);
        assert!(lists.next().await.is_some());
        assert!(lists.next().await.is_none());
    }

    #[test]
    fn debug_never_shows_the_token() {
        let mut pages = keyed_pages(Arc::default(), None);
        pages.previous_token = Some(HashMap::from([("secret-key".to_owned(), 7)]));
        let printed = format!("{pages:?}");
        assert!(!printed.contains("secret"), "{printed}");
        assert!(printed.contains('…'), "{printed}");
    }
}
