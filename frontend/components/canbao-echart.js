// A thin web component around Apache ECharts: the server sets `option` (ECharts option JSON) and
// listens for `chart-click` to drill down. The canvas follows the element's size.
import * as echarts from 'echarts';

class CanbaoEchart extends HTMLElement {
  static get observedAttributes() {
    return ['option'];
  }

  connectedCallback() {
    if (!this._chart) {
      this.style.display = this.style.display || 'block';
      this._chart = echarts.init(this, null, { renderer: 'canvas' });
      this._chart.on('click', (p) => {
        this.dispatchEvent(new CustomEvent('chart-click', {
          detail: { name: p.name, seriesName: p.seriesName, value: p.value, dataIndex: p.dataIndex },
        }));
      });
      this._resize = new ResizeObserver(() => this._chart && this._chart.resize());
      this._resize.observe(this);
    }
    this._render();
  }

  disconnectedCallback() {
    if (this._resize) this._resize.disconnect();
    if (this._chart) this._chart.dispose();
    this._chart = null;
  }

  attributeChangedCallback() {
    this._render();
  }

  _render() {
    const text = this.getAttribute('option');
    if (!this._chart || !text) return;
    this._chart.setOption(JSON.parse(text), true);
    this.dataset.rendered = 'true';
  }
}

customElements.define('canbao-echart', CanbaoEchart);
