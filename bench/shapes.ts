/** A tldraw geo shape record as the client stores it in the board's Y.Map. */
export function geoShape(id: string, i: number, meta: Record<string, number | string> = {}) {
  return {
    id,
    typeName: 'shape',
    type: 'geo',
    x: (i % 100) * 120,
    y: Math.floor(i / 100) * 120,
    rotation: 0,
    index: `a${i.toString(36)}`,
    parentId: 'page:page',
    isLocked: false,
    opacity: 1,
    props: {
      w: 100,
      h: 100,
      geo: 'rectangle',
      dash: 'draw',
      growY: 0,
      url: '',
      scale: 1,
      flipX: false,
      flipY: false,
      color: 'black',
      labelColor: 'black',
      fill: 'none',
      size: 'm',
      font: 'draw',
      align: 'middle',
      verticalAlign: 'middle',
      richText: {
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: `Sticky ${i}` }] }],
      },
    },
    meta,
  }
}
