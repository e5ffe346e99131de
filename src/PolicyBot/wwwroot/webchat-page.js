// The chat page: asks the bot how to connect (its development Direct Line or Azure Bot Service's), gets a token
// from the bot (the Direct Line secret never reaches the browser), renders Web Chat and greets the user.
// Options in the query string: transport=polling (no WebSocket), embed=1 (the chat alone, for an iframe),
// locale=fr or locale=en (the page's language; by default the first of the browser's languages the page speaks).
(function () {
  'use strict';

  var ConnectionStatus = { ExpiredToken: 3, FailedToConnect: 4, Ended: 5 };
  var params = new URLSearchParams(window.location.search);
  var chat = document.getElementById('chat');
  var status = document.getElementById('status');

  // The page's own texts per language; Web Chat brings its own (send box, status, "Send failed") for its locale.
  var texts = {
    en: {
      webChatLocale: 'en-US',
      title: 'PolicyBot · NATO Human Security policy assistant',
      description: 'PolicyBot answers questions on NATO Human Security policy.',
      skip: 'Skip to the chat',
      intro: 'Ask about NATO Human Security policy: protection of civilians, children and armed conflict, women, peace and security, and more.',
      chat: 'Conversation with PolicyBot',
      loading: 'Connecting to PolicyBot…',
      footer: 'Answers come from the NATO Human Security policy fact sheets. For a decision on a specific case, contact the policy office.',
      you: 'You',
      unreachable: 'PolicyBot cannot be reached. Check your connection and reload the page.',
      cannotStart: 'PolicyBot could not start the chat (HTTP {status}). Please reload the page in a minute.',
      failedToConnect: 'PolicyBot could not open the conversation. Please reload the page in a minute.',
      ended: 'This conversation has ended. Reload the page to start a new one.',
      expired: 'Your chat session has expired. Reload the page to continue.',
      notLoaded: 'The chat component did not load. Please reload the page; if it persists, tell the PolicyBot team.'
    },
    fr: {
      webChatLocale: 'fr-FR',
      title: 'PolicyBot · Assistant sur les politiques de sécurité humaine de l\u2019OTAN',
      description: 'PolicyBot répond aux questions sur les politiques de l\u2019OTAN en matière de sécurité humaine.',
      skip: 'Aller à la conversation',
      intro: 'Posez vos questions sur les politiques de l\u2019OTAN en matière de sécurité humaine\u00a0: protection des civils, enfants et conflits armés, femmes, paix et sécurité, et plus encore.',
      chat: 'Conversation avec PolicyBot',
      loading: 'Connexion à PolicyBot…',
      footer: 'Les réponses proviennent des fiches de l\u2019OTAN sur ses politiques de sécurité humaine. Pour une décision sur un cas particulier, contactez le bureau chargé de la politique.',
      you: 'Vous',
      unreachable: 'PolicyBot est injoignable. Vérifiez votre connexion et rechargez la page.',
      cannotStart: 'PolicyBot n\u2019a pas pu ouvrir la conversation (HTTP {status}). Rechargez la page dans une minute.',
      failedToConnect: 'PolicyBot n\u2019a pas pu ouvrir la conversation. Rechargez la page dans une minute.',
      ended: 'Cette conversation est terminée. Rechargez la page pour en commencer une nouvelle.',
      expired: 'Votre session a expiré. Rechargez la page pour continuer.',
      notLoaded: 'Le composant de conversation ne s\u2019est pas chargé. Rechargez la page\u00a0; si le problème persiste, prévenez l\u2019équipe PolicyBot.'
    }
  };

  // ?locale= first, then the browser's languages in the user's order; English when none is one the page speaks.
  function chooseLanguage() {
    var asked = [params.get('locale')];
    var preferred = asked.concat(navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language]);
    for (var i = 0; i < preferred.length; i += 1) {
      var code = (preferred[i] || '').toLowerCase().split(/[-_]/)[0];
      if (Object.prototype.hasOwnProperty.call(texts, code)) {
        return code;
      }
    }

    return 'en';
  }

  var language = chooseLanguage();
  var text = texts[language];

  function translatePage() {
    document.documentElement.lang = language;
    document.querySelectorAll('[data-text]').forEach(function (element) {
      element.textContent = text[element.getAttribute('data-text')];
    });
    document.querySelectorAll('[data-text-label]').forEach(function (element) {
      element.setAttribute('aria-label', text[element.getAttribute('data-text-label')]);
    });
    document.querySelectorAll('[data-text-content]').forEach(function (element) {
      element.setAttribute('content', text[element.getAttribute('data-text-content')]);
    });
  }

  translatePage();

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
      throw new Error(text.unreachable);
    }

    var body = null;
    try {
      body = await response.json();
    } catch (notJson) {
      body = null;
    }

    if (!response.ok) {
      throw new Error((body && body.error) || text.cannotStart.replace('{status}', response.status));
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
    userAvatarInitials: text.you,
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
        showProblem(text.failedToConnect);
      } else if (connectionStatus === ConnectionStatus.Ended) {
        showProblem(text.ended);
      } else if (connectionStatus === ConnectionStatus.ExpiredToken) {
        showProblem(text.expired);
      }
    });
  }

  async function start() {
    if (!window.WebChat) {
      showProblem(text.notLoaded);
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

      // Web Chat sends no conversationUpdate of its own: this event asks the bot for its welcome, in the page's
      // language (Web Chat puts its locale on every activity; the value says it again for the bot's welcome).
      var store = window.WebChat.createStore({}, function (api) {
        return function (next) {
          return function (action) {
            if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
              clearProblem();
              api.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: 'webchat/join', value: { locale: text.webChatLocale } } });
            }

            return next(action);
          };
        };
      });

      chat.textContent = '';
      window.WebChat.renderWebChat({ directLine: directLine, store: store, styleOptions: styleOptions, locale: text.webChatLocale }, chat);
      focusSendBox();
    } catch (problem) {
      showProblem(problem.message);
    }
  }

  start();
}());
