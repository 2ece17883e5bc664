const app = document.querySelector('#app');
app.innerHTML = '<h1>Served by nginx</h1><p>Built with Vite in a builder stage.</p>';
