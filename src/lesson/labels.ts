// The kit's own words on every output, in each client language. Lesson text
// is the author's; these are the headings and labels around it.

export interface Labels {
  exercise: string
  solution: string
  facilitator: string
  answerHint: string
  agenda: string
  objectives: string
  keyIdeas: string
  exercises: string
  notes: string
  slide: string
  worksheet: string
  guide: string
  deck: string
  lessons: string
  lesson: string
  minutes: string
  estimated: string
  date: string
  venue: string
  trainer: string
  start: string
  end: string
  name: string
  closingTitle: string
  closingText: string
  clients: string
  kitFor: string
  presenterHelp: string
  noSolution: string
}

const es: Labels = {
  exercise: 'Ejercicio',
  solution: 'Solución',
  facilitator: 'Facilitador',
  answerHint: 'Responde en tu cuaderno de trabajo.',
  agenda: 'Agenda',
  objectives: 'Objetivos',
  keyIdeas: 'Ideas clave',
  exercises: 'Ejercicios',
  notes: 'Notas del ponente',
  slide: 'Diapositiva',
  worksheet: 'Cuaderno de trabajo',
  guide: 'Guía del facilitador',
  deck: 'Presentación',
  lessons: 'Lecciones',
  lesson: 'Lección',
  minutes: 'min',
  estimated: 'estimado',
  date: 'Fecha',
  venue: 'Lugar',
  trainer: 'Formador',
  start: 'Inicio',
  end: 'Fin',
  name: 'Nombre',
  closingTitle: 'Gracias',
  closingText: 'Preguntas, comentarios y próximos pasos',
  clients: 'Clientes',
  kitFor: 'Kit del taller para',
  presenterHelp: 'Flechas o AvPág para avanzar · P: vista del ponente · F: pantalla completa',
  noSolution: 'Sin solución escrita.',
}

const en: Labels = {
  exercise: 'Exercise',
  solution: 'Solution',
  facilitator: 'Facilitator',
  answerHint: 'Answer in your worksheet.',
  agenda: 'Agenda',
  objectives: 'Objectives',
  keyIdeas: 'Key ideas',
  exercises: 'Exercises',
  notes: 'Speaker notes',
  slide: 'Slide',
  worksheet: 'Worksheet',
  guide: 'Facilitator guide',
  deck: 'Slide deck',
  lessons: 'Lessons',
  lesson: 'Lesson',
  minutes: 'min',
  estimated: 'estimated',
  date: 'Date',
  venue: 'Venue',
  trainer: 'Trainer',
  start: 'Start',
  end: 'End',
  name: 'Name',
  closingTitle: 'Thank you',
  closingText: 'Questions, comments and next steps',
  clients: 'Clients',
  kitFor: 'Workshop kit for',
  presenterHelp: 'Arrows or PageDown to move · P: presenter view · F: full screen',
  noSolution: 'No written solution.',
}

/** The labels of a client language ("es" or "en"; anything else gets Spanish, the kit's first language). */
export const labelsFor = (language: string): Labels => (language === 'en' ? en : es)
