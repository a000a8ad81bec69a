// Shows every <time datetime> of the Security Center in the browser's own time zone, with the zone named. Without
// scripts the server's UTC text stays.
(function () {
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var format = new Intl.DateTimeFormat(undefined, {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short'
  });
  document.querySelectorAll('time[datetime]').forEach(function (element) {
    var at = new Date(element.getAttribute('datetime'));
    if (!isNaN(at)) {
      element.title = element.textContent;
      element.textContent = format.format(at);
    }
  });
  var note = document.getElementById('time-zone');
  if (note && zone) {
    note.textContent = 'Times are shown in your time zone (' + zone + ').';
  }
})();
