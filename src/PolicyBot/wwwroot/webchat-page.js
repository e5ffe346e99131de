// The chat page: asks the bot how to connect (its development Direct Line or Azure Bot Service's), gets a token
// from the bot (the Direct Line secret never reaches the browser), renders Web Chat and greets the user.
// Options in the query string: transport=polling (no WebSocket), embed=1 (the chat alone, for an iframe).
(function () {
  'use strict';

  var ConnectionStatus = { ExpiredToken: 3, FailedToConnect: 4, Ended: 5 };
  var params = new URLSearchParams(window.location.search);
  var chat = document.getElementById('chat');
  var status = document.getElementById('status');

  if (params.get('embed') === '1') {
    document.documentElement.classList.add('embedded');
  }

  function showProblem(message) {
    var loading = document.getElementById('loading');
    if (loading) {
      loading.textContent = '';
    }

    status.textContent = message;
    status.hidden = false;
  }

  function clearProblem() {
    status.hidden = true;
    status.textContent = '';
  }

  async function fetchJson(url, init) {
    var response;
    try {
      response = await fetch(url, Object.assign({ headers: { Accept: 'application/json' }, cache: 'no-store' }, init));
    } catch (networkError) {
      throw new Error('PolicyBot cannot be reached. Check your connection and reload the page.');
    }

    var body = null;
    try {
      body = await response.json();
    } catch (notJson) {
      body = null;
    }

    if (!response.ok) {
      throw new Error((body && body.error) || 'PolicyBot could not start the chat (HTTP ' + response.status + '). Please reload the page in a minute.');
    }

    return body;
  }

  var styleOptions = {
    accent: '#0b5cad',
    backgroundColor: '#f7f9fc',
    primaryFont: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
    bubbleBackground: '#ffffff',
    bubbleBorderColor: '#d3dae4',
    bubbleBorderRadius: 8,
    bubbleBorderWidth: 1,
    bubbleFromUserBackground: '#002b5c',
    bubbleFromUserBorderColor: '#002b5c',
    bubbleFromUserBorderRadius: 8,
    bubbleFromUserTextColor: '#ffffff',
    bubbleMaxWidth: 640,
    botAvatarInitials: 'PB',
    botAvatarBackgroundColor: '#002b5c',
    userAvatarInitials: 'You',
    userAvatarBackgroundColor: '#5a6b80',
    avatarSize: 36,
    hideUploadButton: true,
    sendBoxButtonColor: '#0b5cad',
    sendBoxButtonColorOnHover: '#002b5c',
    sendBoxHeight: 52,
    sendBoxTextWrap: true,
    suggestedActionLayout: 'flow',
    cardEmphasisBackgroundColor: '#eef3f9',
    timestampColor: '#4a5566',
    subtle: '#4a5566',
    paddingRegular: 12,
    rootHeight: '100%',
    rootWidth: '100%'
  };

  function focusSendBox() {
    // Web Chat renders asynchronously: wait for its send box, then put the cursor there.
    var tries = 0;
    var timer = window.setInterval(function () {
      var input = chat.querySelector("[data-id='webchat-sendbox-input']");
      tries += 1;
      if (input) {
        input.focus();
      }

      if (input || tries > 100) {
        window.clearInterval(timer);
      }
    }, 50);
  }

  function watchConnection(directLine) {
    directLine.connectionStatus$.subscribe(function (connectionStatus) {
      if (connectionStatus === ConnectionStatus.FailedToConnect) {
        showProblem('PolicyBot could not open the conversation. Please reload the page in a minute.');
      } else if (connectionStatus === ConnectionStatus.Ended) {
        showProblem('This conversation has ended. Reload the page to start a new one.');
      } else if (connectionStatus === ConnectionStatus.ExpiredToken) {
        showProblem('Your chat session has expired. Reload the page to continue.');
      }
    });
  }

  async function start() {
    if (!window.WebChat) {
      showProblem('The chat component did not load. Please reload the page; if it persists, tell the PolicyBot team.');
      return;
    }

    try {
      var config = await fetchJson('api/webchat/config');
      if (config.mode === 'unavailable') {
        showProblem(config.message);
        return;
      }

      var session = await fetchJson('api/webchat/token', { method: 'POST' });
      var directLine = window.WebChat.createDirectLine({
        domain: new URL(config.domain, document.baseURI).href.replace(/\/$/, ''),
        token: session.token,
        webSocket: params.get('transport') !== 'polling'
      });
      watchConnection(directLine);

      // Web Chat sends no conversationUpdate of its own: this event asks the bot for its welcome.
      var store = window.WebChat.createStore({}, function (api) {
        return function (next) {
          return function (action) {
            if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
              clearProblem();
              api.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: 'webchat/join', value: { locale: navigator.language } } });
            }

            return next(action);
          };
        };
      });

      chat.textContent = '';
      window.WebChat.renderWebChat({ directLine: directLine, store: store, styleOptions: styleOptions, locale: 'en-US' }, chat);
      focusSendBox();
    } catch (problem) {
      showProblem(problem.message);
    }
  }

  start();
}());
